#!/usr/bin/env bash
# The README's run command: installs what is needed, builds the extension into dist/, then runs the
# local Next.ID-compatible ProofService and KVService (embedded PostgreSQL in ./.data unless
# DATABASE_URL names a server) in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx vite build --logLevel warn
npx vite build -c vite.config.firefox.ts --logLevel warn
cat <<MSG
Extension built for Chromium into $(pwd)/dist
  Load it: chrome://extensions → Developer mode → Load unpacked → choose that folder.
Extension built for Firefox (140 or later) into $(pwd)/dist-firefox
  Load it: about:debugging#/runtime/this-firefox → Load Temporary Add-on… → choose
  $(pwd)/dist-firefox/manifest.json (a temporary add-on stays until Firefox restarts).

MSG
exec npx tsx server/main.ts
