#!/usr/bin/env bash
# The README's run command: installs what is needed, builds the extension for Chromium (dist/) and
# Firefox (dist-firefox/), says which platforms the local server verifies and what to do next, then
# runs the local Next.ID-compatible ProofService and KVService (embedded PostgreSQL in ./.data unless
# DATABASE_URL names a server) in the foreground until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# A build prints nothing when it succeeds cleanly; its warnings and errors are shown. One warning is
# left out: @crxjs/vite-plugin's content-script sub-build sets `inlineDynamicImports`, which Vite 8
# ignores and reports each time — harmless, and not a setting of ours.
build() { # build [VITE ARGS…]
  local log
  if ! log=$(npx vite build --logLevel warn "$@" 2>&1); then
    echo "$log"
    exit 1
  fi
  grep -E 'WARN|warning|error' <<<"$log" | grep -v 'inlineDynamicImports option is ignored' || true
}
echo "› building the extension"
build
build -c vite.config.firefox.ts
cat <<MSG
Extension built for Chromium into $(pwd)/dist
  Load it: chrome://extensions → Developer mode → Load unpacked → choose that folder.
Extension built for Firefox (140 or later) into $(pwd)/dist-firefox
  Load it: about:debugging#/runtime/this-firefox → Load Temporary Add-on… → choose
  $(pwd)/dist-firefox/manifest.json (a temporary add-on stays until Firefox restarts).

MSG
npx tsx scripts/local-server-summary.ts
echo
exec npx tsx server/main.ts
