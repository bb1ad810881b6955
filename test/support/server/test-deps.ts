/**
 * Test helper: service deps for in-process app tests. Routes that touch the database get a real
 * one (openTestPglite); the default here refuses every query, so a test that forgets says so.
 */
import { loadConfig } from '../../../server/config.js'
import type { Database } from '../../../server/db/database.js'
import { createLogger } from '../../../server/http/logger.js'
import type { ServiceDeps } from '../../../server/service-deps.js'

export const TEST_BUILD = { revision: '0123456789abcdef0123456789abcdef01234567', builtAt: '1700000000' }

const noDatabase = async (): Promise<never> => {
  throw new Error('this test has no database: pass one to testDeps()')
}

/** A silent logger, default config, fixed build info, and `db` if given. */
export function testDeps(overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  const db: Database = {
    kind: 'pglite',
    query: noDatabase,
    exec: noDatabase,
    transaction: noDatabase,
    close: async () => {},
  }
  return {
    config: loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    db,
    logger: createLogger({ level: 'silent', service: 'test' }),
    build: TEST_BUILD,
    ...overrides,
  }
}
