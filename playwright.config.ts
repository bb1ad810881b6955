import { defineConfig } from '@playwright/test'

// One worker: the machine has 2 cores and every test starts its own Chromium.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  // The JSON report feeds the closing "N passed, N failed" line of scripts/test.sh.
  reporter: [['list'], ['json', { outputFile: '.reports/e2e.json' }]],
  outputDir: '.tmp/playwright',
  use: { trace: 'off', screenshot: 'off' },
})
