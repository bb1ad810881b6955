// Sums the suites of scripts/test.sh into one closing line "N passed, N failed".
// A suite whose report is missing (it crashed before writing one) counts as one failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const dir = process.argv[2] ?? '.reports'
let passed = 0
let failed = 0

for (const name of readdirSync(dir).filter((file) => file.startsWith('step-'))) {
  if (readFileSync(path.join(dir, name), 'utf8').trim() === 'pass') passed++
  else failed++
}

// The Vitest suites: unit and server tests, and the Firefox end-to-end suite.
for (const file of ['unit.json', 'firefox.json']) {
  const vitest = readJson(file)
  if (vitest) {
    passed += vitest.numPassedTests
    failed +=
      vitest.numFailedTests +
      (vitest.numTotalTestSuites > 0 && vitest.success === false && vitest.numFailedTests === 0 ? 1 : 0)
  } else failed++
}

const e2e = readJson('e2e.json')
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky
  failed += e2e.stats.unexpected + (e2e.errors?.length ?? 0)
} else failed++

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

function readJson(file) {
  const full = path.join(dir, file)
  return existsSync(full) ? JSON.parse(readFileSync(full, 'utf8')) : undefined
}
