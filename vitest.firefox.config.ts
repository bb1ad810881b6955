import { defineConfig } from 'vitest/config'

// The Firefox suite (e2e-firefox/): one Firefox at a time, long timeouts (a real browser, a
// suspended event page, a one-minute auto-lock). Build dist-firefox/ first (npm run test:firefox does).
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
})
