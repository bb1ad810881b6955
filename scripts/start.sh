#!/usr/bin/env bash
# The README's run command: installs what is needed, builds the extension into dist/, then runs the
# local Next.ID-compatible ProofService and KVService (embedded PostgreSQL in ./.data unless
# DATABASE_URL names a server) in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx vite build --logLevel warn
cat <<MSG
Extension built into $(pwd)/dist
Load it: chrome://extensions → Developer mode → Load unpacked → choose that folder.

MSG
exec npx tsx server/main.ts
