import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DRIVERS, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import type { Database } from './database.js'

// The same behaviour from both drivers: server code is written once against Database.
for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`Database on ${driver.name}`, () => {
    let test: TestDatabase
    let db: Database
    beforeAll(async () => {
      test = await driver.open()
      db = test.db
      await db.exec('CREATE TABLE item (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, data jsonb)')
    })
    afterAll(() => test?.dispose())

    it('reports its kind', () => {
      expect(db.kind).toBe(driver.name)
    })

    it('returns the same JavaScript values for each column type', async () => {
      const [row] = await db.query(
        `SELECT 9007199254740993::int8 AS big, 7::int4 AS small, true AS flag, 'x'::text AS text,
                '2024-01-02T03:04:05Z'::timestamptz AS at, '{"b":1.0,"a":[1,null]}'::jsonb AS doc, NULL AS nothing`,
      )
      expect(row).toEqual({
        big: '9007199254740993',
        small: 7,
        flag: true,
        text: 'x',
        at: new Date('2024-01-02T03:04:05Z'),
        doc: { a: [1, null], b: 1 },
        nothing: null,
      })
    })

    it('runs a named (prepared) statement again and again with new parameters, inside transactions too', async () => {
      const sql = 'SELECT $1::int + 1 AS next'
      for (const n of [1, 2, 3]) expect(await db.query(sql, [n], { name: 'test_next' })).toEqual([{ next: n + 1 }])
      expect(await db.transaction((tx) => tx.query(sql, [41], { name: 'test_next' }))).toEqual([{ next: 42 }])
    })

    it('binds scalar parameters, bigint as text and JSON passed as text', async () => {
      const rows = await db.query<{ id: string; name: string; data: unknown }>(
        'INSERT INTO item (name, data) VALUES ($1, $2::jsonb) RETURNING id, name, data',
        ['first', JSON.stringify([1, { k: 'v' }])],
      )
      expect(rows).toEqual([{ id: expect.stringMatching(/^\d+$/), name: 'first', data: [1, { k: 'v' }] }])
      const [sum] = await db.query('SELECT $1::int8 + 1 AS n, $2::timestamptz AS at', [
        12345678901234567890n % 10n ** 18n,
        new Date(0),
      ])
      expect(sum).toEqual({ n: '345678901234567891', at: new Date(0) })
    })

    it('refuses non-scalar parameters instead of guessing their SQL type', async () => {
      await expect(db.query('SELECT $1::jsonb', [[1, 2]] as never)).rejects.toThrow(
        'SQL parameter $1 must be a scalar (pass JSON as text), got array',
      )
      await expect(db.query('SELECT $1, $2', ['a', { a: 1 }] as never)).rejects.toThrow(
        'SQL parameter $2 must be a scalar (pass JSON as text), got object',
      )
      await expect(db.query('SELECT $1::float8', [Number.NaN])).rejects.toThrow('got number')
    })

    it('runs several statements with exec', async () => {
      await db.exec(`CREATE TABLE multi (n int); INSERT INTO multi VALUES (1); INSERT INTO multi VALUES (2);`)
      expect(await db.query('SELECT n FROM multi ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }])
    })

    it('commits a transaction and returns its result', async () => {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(`INSERT INTO item (name) VALUES ('committed') RETURNING id`)
        return row?.id
      })
      expect(await db.query('SELECT id FROM item WHERE name = $1', ['committed'])).toEqual([{ id }])
    })

    it('rolls a transaction back and rethrows the same error', async () => {
      const failure = new Error('boom')
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO item (name) VALUES ('rolled back')`)
          throw failure
        }),
      ).rejects.toBe(failure)
      expect(await db.query(`SELECT * FROM item WHERE name = 'rolled back'`)).toEqual([])
    })

    it('rolls back when a statement fails, keeping the database usable', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO item (name) VALUES ('dup-1')`)
          await tx.query(`INSERT INTO item (name) VALUES ('first')`)
        }),
      ).rejects.toMatchObject({ code: '23505' })
      expect(await db.query(`SELECT * FROM item WHERE name = 'dup-1'`)).toEqual([])
      expect(await db.query(`SELECT count(*)::int AS n FROM item WHERE name = 'first'`)).toEqual([{ n: 1 }])
    })

    it('fails loudly when code inside a transaction queries through db instead of tx', async () => {
      const inside = 'inside db.transaction(), query through its `tx`, not through `db`'
      await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(inside)
      await expect(db.transaction(() => db.transaction(async () => 1))).rejects.toThrow(inside)
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
    })
  })
}

describe.each(TEST_DRIVERS.filter((driver) => !driver.skip))('closing a $name database', (driver) => {
  it('waits for a running transaction, then refuses queries; closing twice is fine', async () => {
    const test = await driver.open()
    try {
      const { db } = test
      let finished = false
      const running = db.transaction(async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 100))
        await tx.query('SELECT 1')
        finished = true
      })
      await new Promise((resolve) => setTimeout(resolve, 10))
      await db.close()
      await running
      expect(finished).toBe(true)
      await db.close()
      await expect(db.query('SELECT 1')).rejects.toThrow()
    } finally {
      await test.dispose()
    }
  })
})
