import { defineConfig } from 'vitest/config'

// Kept apart from vite.config.ts: the crxjs plugin must not run for unit tests.
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'extension/**/*.test.ts',
      'server/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    environment: 'node',
    // A bound for a hung test, not a speed target: the heaviest property tests take up to ~45 s
    // while the other worker runs on a busy 2-core machine.
    testTimeout: 120_000,
    // Tests that start a server on PGlite set it up in beforeAll; under a loaded CI machine that takes > 10 s.
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
