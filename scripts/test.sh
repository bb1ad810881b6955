#!/usr/bin/env bash
# The README's test command: sets up, then runs every check and suite (the server's on PGlite and
# on a throwaway PostgreSQL server), and ends with one line "N passed, N failed" summing them all.
# Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

results=.reports
rm -rf "$results" && mkdir -p "$results"
failed_steps=()

step() { # step NAME COMMAND… — a check that counts as one test
  local name=$1; shift
  echo "› $name"
  if "$@"; then echo "pass" > "$results/step-$name"; else echo "fail" > "$results/step-$name"; failed_steps+=("$name"); fi
}

step typecheck-src npx tsc -p tsconfig.src.json
step typecheck npx tsc -p tsconfig.json
step lint npx biome ci --reporter=summary .
echo "› PostgreSQL for the server tests"
if TEST_DATABASE_URL=$(bash scripts/postgres-for-tests.sh | tail -n1) && [ -n "$TEST_DATABASE_URL" ]; then
  export TEST_DATABASE_URL
  trap 'bash scripts/postgres-stop.sh "$TEST_DATABASE_URL" >/dev/null 2>&1' EXIT
  echo "pass" > "$results/step-postgres"
else
  echo "fail" > "$results/step-postgres"; failed_steps+=(postgres)
fi
echo "› unit and server tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/unit.json" || failed_steps+=(unit)
step build npx vite build --logLevel warn
echo "› end-to-end tests"
npx playwright test || failed_steps+=(e2e)
step build-firefox npx vite build -c vite.config.firefox.ts --logLevel warn
step lint-firefox npx web-ext lint -s dist-firefox
echo "› end-to-end tests in Firefox"
npx vitest run -c vitest.firefox.config.ts --reporter=default --reporter=json --outputFile.json="$results/firefox.json" ||
  failed_steps+=(firefox)

node scripts/summarize-tests.mjs "$results"
summary_status=$?
[ ${#failed_steps[@]} -eq 0 ] && [ $summary_status -eq 0 ]
