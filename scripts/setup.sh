#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine with Node 20: npm packages from the
# lockfile (again only when the lockfile changed) and, with --browser, Debian's Chromium and Firefox ESR
# (and a CJK font when none is installed).
set -euo pipefail
cd "$(dirname "$0")/.."

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.lock-hash ] || [ "$(cat node_modules/.lock-hash)" != "$lock_hash" ]; then
  echo "› npm ci"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.lock-hash
fi

# --browser: the browsers the end-to-end suites drive, from Debian's packages when missing.
install_debian_package() { # install_debian_package PACKAGE
  echo "› installing Debian's $1"
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$1" >/dev/null
}
if [ "${1:-}" = "--browser" ]; then
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || install_debian_package chromium
  # The Firefox suite's driver (puppeteer-core over WebDriver BiDi) needs ESR 153's BiDi commands;
  # an older ESR (140 from bookworm's main archive) is upgraded from bookworm-security.
  firefox="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
  firefox_major=$([ -x "$firefox" ] && "$firefox" --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || echo 0)
  [ "${firefox_major:-0}" -ge 153 ] || install_debian_package firefox-esr
  # A CJK font, so the Chinese screens (e2e/popup-zh.spec.ts) are readable in their screenshots.
  fc-list :lang=zh 2>/dev/null | grep -q . || install_debian_package fonts-wqy-zenhei
fi
