import { afterEach, describe, expect, it } from 'vitest'
import { TEST_DRIVERS, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import { migrate } from './migrate.js'
import { MIGRATIONS } from './migrations.js'

const TABLES = ['kv', 'kv_chain', 'proof', 'proof_chain', 'schema_migrations']

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`migrate on ${driver.name}`, () => {
    let test: TestDatabase | undefined
    afterEach(async () => {
      await test?.dispose()
      test = undefined
    })

    it('creates the schema once, then has nothing to do', async () => {
      test = await driver.open()
      expect(await migrate(test.db)).toEqual(MIGRATIONS.map((_, index) => index + 1))
      expect(await migrate(test.db)).toEqual([])
      const tables = await test.db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      )
      expect(tables.map((row) => row.name)).toEqual(TABLES)
      const versions = await test.db.query('SELECT version FROM schema_migrations ORDER BY version')
      expect(versions).toEqual(MIGRATIONS.map((_, index) => ({ version: index + 1 })))
    })

    it('applies only the versions that are new, in order', async () => {
      test = await driver.open()
      const first = ['CREATE TABLE step (n int)', 'INSERT INTO step VALUES (2)']
      expect(await migrate(test.db, first)).toEqual([1, 2])
      expect(await migrate(test.db, [...first, 'INSERT INTO step VALUES (3); INSERT INTO step VALUES (4)'])).toEqual([
        3,
      ])
      expect(await test.db.query('SELECT n FROM step ORDER BY n')).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }])
    })

    it('applies nothing when one migration fails', async () => {
      test = await driver.open()
      await expect(migrate(test.db, ['CREATE TABLE half (n int)', 'CREATE TABLE broken ('])).rejects.toThrow()
      expect(await test.db.query(`SELECT to_regclass('half') AS t, to_regclass('schema_migrations') AS m`)).toEqual([
        { t: null, m: null },
      ])
    })

    it('refuses to run against a schema newer than it knows', async () => {
      test = await driver.open()
      await migrate(test.db, ['SELECT 1', 'SELECT 2'])
      await expect(migrate(test.db, ['SELECT 1'])).rejects.toThrow(
        'database schema version 2 is newer than this server knows (1)',
      )
    })
  })
}

describe.skipIf(TEST_DRIVERS[1]?.skip ?? true)('migrate from several processes on one PostgreSQL', () => {
  it('migrates exactly once when they start together', async () => {
    const driver = TEST_DRIVERS[1]
    if (!driver) throw new Error('no postgres driver')
    const test = await driver.open()
    try {
      const others = await Promise.all([test.openAnother(), test.openAnother(), test.openAnother()])
      const results = await Promise.all([test.db, ...others].map((db) => migrate(db)))
      expect(results.filter((applied) => applied.length > 0)).toEqual([MIGRATIONS.map((_, index) => index + 1)])
      expect(await test.db.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([
        { n: MIGRATIONS.length },
      ])
    } finally {
      await test.dispose()
    }
  })
})
