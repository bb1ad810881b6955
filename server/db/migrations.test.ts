import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DRIVERS, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import type { Database, SqlParam } from './database.js'
import { migrate } from './migrate.js'
import { MIGRATIONS } from './migrations.js'
import { isUniqueViolation, sqlStateOf } from './sql-state.js'

const ALICE = `0x02${'a'.repeat(64)}`
const BOB = `0x03${'b'.repeat(64)}`
const PATCH_TEXT = '{"b":1.0,"a":{}}'

// What the constraints must refuse, whatever the application code does: a forked chain above all.
for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`schema version 1 on ${driver.name}`, () => {
    let test: TestDatabase
    let db: Database
    beforeAll(async () => {
      test = await driver.open()
      db = test.db
      await migrate(db)
    })
    afterAll(() => test?.dispose())

    const addLink = async (avatar: string, previousId: string | null, signature = 'c2ln'): Promise<string> => {
      const params: SqlParam[] = [avatar, signature, previousId]
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO proof_chain (avatar, action, platform, identity, created_at, signature, signature_payload, uuid, previous_id)
         VALUES ($1, 'create', 'twitter', 'alice', '1700000000', $2, '{}', 'u', $3) RETURNING id`,
        params,
      )
      if (!row) throw new Error('no row')
      return row.id
    }
    const addKvLink = async (avatar: string, uuid: string, previousId: string | null): Promise<string> => {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO kv_chain (uuid, avatar, platform, identity, patch, patch_text, signature, signature_payload, created_at, previous_id)
         VALUES ($1, $2, 'nextid', $2, $3::jsonb, $4, 'c2ln', '{}', 1700000000, $5) RETURNING id`,
        // Two parameters: one used both as jsonb and as text would be typed jsonb and re-printed.
        [uuid, avatar, PATCH_TEXT, PATCH_TEXT, previousId],
      )
      if (!row) throw new Error('no row')
      return row.id
    }

    it('accepts a chain and refuses a second link after the same one (no fork)', async () => {
      const genesis = await addLink(ALICE, null)
      const second = await addLink(ALICE, genesis)
      const fork = await addLink(ALICE, genesis).catch((error: unknown) => error)
      expect(isUniqueViolation(fork, 'proof_chain_previous_id_key')).toBe(true)
      await addLink(ALICE, second)
      expect(await db.query('SELECT count(*)::int AS n FROM proof_chain WHERE avatar = $1', [ALICE])).toEqual([
        { n: 3 },
      ])
    })

    it('refuses a second genesis link for one avatar, but not for another', async () => {
      const secondGenesis = await addLink(ALICE, null).catch((error: unknown) => error)
      expect(isUniqueViolation(secondGenesis, 'proof_chain_genesis_key')).toBe(true)
      await expect(addLink(BOB, null)).resolves.toMatch(/^\d+$/)
    })

    it("refuses a link whose predecessor is in another avatar's chain", async () => {
      const [alicesHead] = await db.query<{ id: string }>(
        'SELECT max(id)::text AS id FROM proof_chain WHERE avatar = $1',
        [ALICE],
      )
      const crossed = await addLink(BOB, alicesHead?.id ?? null).catch((error: unknown) => error)
      expect(sqlStateOf(crossed)).toBe('23503')
    })

    it('refuses an empty chain signature (§15 #5)', async () => {
      await expect(addLink(`0x02${'c'.repeat(64)}`, null, '')).rejects.toMatchObject({ code: '23514' })
    })

    it('keeps one proof row per (avatar, platform, identity, location)', async () => {
      const [link] = await db.query<{ id: string }>('SELECT min(id)::text AS id FROM proof_chain')
      const insert = () =>
        db.query(
          `INSERT INTO proof (avatar, platform, identity, location, proof_chain_id) VALUES ($1, 'twitter', 'alice', '123', $2)`,
          [ALICE, link?.id ?? null],
        )
      await insert()
      expect(isUniqueViolation(await insert().catch((error: unknown) => error), 'proof_binding_key')).toBe(true)
      const [row] = await db.query('SELECT is_valid, invalid_reason, alt_id FROM proof')
      expect(row).toEqual({ is_valid: true, invalid_reason: '', alt_id: '' })
    })

    it('forbids KV chain forks and reused uuids, and keeps the patch text byte for byte', async () => {
      const genesis = await addKvLink(ALICE, 'uuid-1', null)
      await addKvLink(ALICE, 'uuid-2', genesis)
      const fork = await addKvLink(ALICE, 'uuid-3', genesis).catch((error: unknown) => error)
      expect(isUniqueViolation(fork, 'kv_chain_previous_id_key')).toBe(true)
      const secondGenesis = await addKvLink(ALICE, 'uuid-4', null).catch((error: unknown) => error)
      expect(isUniqueViolation(secondGenesis, 'kv_chain_genesis_key')).toBe(true)
      const reused = await addKvLink(BOB, 'uuid-1', null).catch((error: unknown) => error)
      expect(isUniqueViolation(reused, 'kv_chain_uuid_key')).toBe(true)
      const [row] = await db.query('SELECT patch, patch_text, arweave_id, created_at FROM kv_chain WHERE uuid = $1', [
        'uuid-1',
      ])
      expect(row).toEqual({
        patch: { a: {}, b: 1 },
        patch_text: PATCH_TEXT,
        arweave_id: null,
        created_at: '1700000000',
      })
    })

    it('keys KV content by (avatar, platform, identity) with {} as the default', async () => {
      await db.query(
        `INSERT INTO kv (avatar, platform, identity) VALUES ($1, 'twitter', 'alice'), ($2, 'twitter', 'alice')`,
        [ALICE, BOB],
      )
      const again = db.query(`INSERT INTO kv (avatar, platform, identity) VALUES ($1, 'twitter', 'alice')`, [ALICE])
      await expect(again).rejects.toMatchObject({ code: '23505' })
      expect(await db.query(`SELECT content, arweave_id FROM kv WHERE avatar = $1`, [ALICE])).toEqual([
        { content: {}, arweave_id: null },
      ])
    })
  })

  describe.skipIf(driver.skip)(`schema version 2 on ${driver.name}`, () => {
    let test: TestDatabase
    afterAll(() => test?.dispose())

    it('lowercases the Steam custom URLs stored before the validator did, and nothing else', async () => {
      test = await driver.open()
      const db = test.db
      await migrate(db, MIGRATIONS.slice(0, 1))
      const [link] = await db.query<{ id: string }>(
        `INSERT INTO proof_chain (avatar, action, platform, identity, created_at, signature, signature_payload, uuid)
         VALUES ($1, 'create', 'steam', '76561197960287930', '1700000000', 'c2ln', '{}', 'u') RETURNING id`,
        [ALICE],
      )
      const bindings: [string, string, string][] = [
        ['steam', '76561197960287930', 'GabeLoganNewell'],
        ['steam', '76561197960287931', ''],
        ['github', 'Alice', 'MixedCase'],
      ]
      for (const [platform, identity, altId] of bindings) {
        await db.query(
          'INSERT INTO proof (avatar, platform, identity, alt_id, proof_chain_id) VALUES ($1, $2, $3, $4, $5)',
          [ALICE, platform, identity, altId, link?.id ?? null],
        )
      }
      expect(await migrate(db)).toEqual([2])
      expect(await db.query('SELECT platform, identity, alt_id FROM proof ORDER BY identity')).toEqual([
        { platform: 'steam', identity: '76561197960287930', alt_id: 'gabelogannewell' },
        { platform: 'steam', identity: '76561197960287931', alt_id: '' },
        { platform: 'github', identity: 'Alice', alt_id: 'MixedCase' },
      ])
    })
  })
}
