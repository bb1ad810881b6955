import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestPostgres, TEST_DATABASE_URL, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import { openPostgres } from './open-postgres.js'

describe.skipIf(!TEST_DATABASE_URL)('openPostgres', () => {
  let test: TestDatabase
  beforeAll(async () => {
    test = await openTestPostgres()
    // A database whose sessions default to SERIALIZABLE, as an operator may configure it.
    const name = new URL(test.location).pathname.slice(1)
    await test.db.exec(`ALTER DATABASE ${name} SET default_transaction_isolation = 'serializable'`)
  }, 60_000)
  afterAll(() => test?.dispose(), 60_000)

  it('runs its sessions and transactions READ COMMITTED whatever the database default', async () => {
    const db = await openPostgres(test.location)
    try {
      const [outside] = await db.query<{ level: string }>('SELECT current_setting($1) AS level', [
        'transaction_isolation',
      ])
      const [inside] = await db.transaction((tx) =>
        tx.query<{ level: string }>('SELECT current_setting($1) AS level', ['transaction_isolation']),
      )
      expect([outside?.level, inside?.level]).toEqual(['read committed', 'read committed'])
    } finally {
      await db.close()
    }
  })

  it('refuses to start when the URL sets another default isolation', async () => {
    const url = new URL(test.location)
    url.searchParams.set('options', '-c default_transaction_isolation=serializable')
    await expect(openPostgres(url.href)).rejects.toThrow(/must default to read committed, got serializable/)
  })
})
