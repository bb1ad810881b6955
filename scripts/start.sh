#!/usr/bin/env bash
# The README's run command: installs what is needed and builds the extension into dist/.
# (The local ProofService and KVService join here when the server lands.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx vite build
cat <<MSG

Extension built into $(pwd)/dist
Load it: chrome://extensions → Developer mode → Load unpacked → choose that folder.
MSG
