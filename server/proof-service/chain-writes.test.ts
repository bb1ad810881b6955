import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DRIVERS, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import { sampleChainLink } from '../../test/support/server/proof-service/test-chain-links.js'
import type { Database, Queryable, QueryOptions, Row, SqlParam } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import { STALE_CHAIN_MESSAGE } from './append-chain-link.js'
import { createChainWrites } from './chain-writes.js'

const link = sampleChainLink

const avatarOf = (n: number) => `0x02${n.toString(16).padStart(64, 'c')}`

/** `db` with every statement it runs recorded, so a test can see how the work was batched. */
function recording(db: Database): { db: Database; statements: string[] } {
  const statements: string[] = []
  const query = <R extends Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) => {
    const kind = sql.includes('INSERT INTO proof_chain')
      ? 'append'
      : options?.name === 'read_avatar_bindings'
        ? 'bindings'
        : sql.includes('LATERAL')
          ? 'heads'
          : 'other'
    statements.push(kind)
    return db.query<R>(sql, params, options)
  }
  return { db: { ...db, query } as Database, statements }
}

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`chain writes on ${driver.name}`, () => {
    let database: TestDatabase
    beforeAll(async () => {
      database = await driver.open()
      await migrate(database.db)
    }, 60_000)
    afterAll(() => database?.dispose(), 60_000)

    const chainOf = (db: Queryable, avatar: string) =>
      db.query<{ id: string; previous_id: string | null; identity: string }>(
        'SELECT id, previous_id, identity FROM proof_chain WHERE avatar = $1 ORDER BY id',
        [avatar],
      )

    it('commits the appends of many avatars in flight together, in fewer statements than appends', async () => {
      const { db, statements } = recording(database.db)
      const writes = createChainWrites(db)
      const avatars = Array.from({ length: 24 }, (_, n) => avatarOf(1000 + n))
      const heads = await Promise.all(avatars.map((avatar) => writes.readHead(avatar)))
      expect(heads).toEqual(avatars.map(() => null))
      const ids = await Promise.all(
        avatars.map((avatar) => writes.append({ link: link(avatar), expectedHeadId: null })),
      )
      expect(new Set(ids).size).toBe(24)
      expect(statements.filter((kind) => kind === 'heads').length).toBeLessThan(24)
      expect(statements.filter((kind) => kind === 'append').length).toBeLessThan(24)
      for (const [index, avatar] of avatars.entries()) {
        expect(await writes.readHead(avatar)).toEqual({ id: ids[index], signature: expect.any(String) })
        const [proof] = await db.query('SELECT proof_chain_id FROM proof WHERE avatar = $1', [avatar])
        expect(proof).toEqual({ proof_chain_id: ids[index] })
      }
    })

    it('answers the bindings reads in flight together: count and held binding per avatar, in order', async () => {
      const { db, statements } = recording(database.db)
      const writes = createChainWrites(db)
      const avatars = Array.from({ length: 24 }, (_, n) => avatarOf(8000 + n))
      const identities: string[] = []
      for (const avatar of avatars) {
        const appended = link(avatar)
        identities.push(appended.identity)
        await writes.append({ link: appended, expectedHeadId: null })
      }
      statements.length = 0
      const answers = await Promise.all(
        avatars.map((avatar, index) =>
          writes.readBindings({
            avatar,
            platform: 'ethereum',
            identity: index % 2 === 0 ? (identities[index] ?? '') : 'x',
          }),
        ),
      )
      expect(answers).toEqual(avatars.map((_, index) => ({ bindings: 1, holds: index % 2 === 0 })))
      expect(await writes.readBindings({ avatar: avatarOf(8999), platform: 'ethereum', identity: 'x' })).toEqual({
        bindings: 0,
        holds: false,
      })
      expect(statements.filter((kind) => kind === 'bindings').length).toBeLessThan(24)
    })

    it('keeps one avatar’s appends in order and lets exactly one of several on the same head in', async () => {
      const writes = createChainWrites(database.db)
      const avatar = avatarOf(2000)
      const genesis = await writes.append({ link: link(avatar, { identity: 'first' }), expectedHeadId: null })
      const racing = await Promise.allSettled(
        Array.from({ length: 6 }, (_, n) =>
          writes.append({ link: link(avatar, { identity: `racer-${n}` }), expectedHeadId: genesis }),
        ),
      )
      const won = racing.filter((result) => result.status === 'fulfilled')
      expect(won).toHaveLength(1)
      for (const result of racing.filter((result) => result.status === 'rejected')) {
        expect(result.reason).toMatchObject({ status: 400, message: STALE_CHAIN_MESSAGE })
      }
      const chain = await chainOf(database.db, avatar)
      expect(chain.map((row) => row.previous_id)).toEqual([null, genesis])
    })

    it('answers a stale head 400 and a failing append its own error, without failing the rest of the batch', async () => {
      const writes = createChainWrites(database.db)
      const [stale, broken, fine] = [avatarOf(3000), avatarOf(3001), avatarOf(3002)]
      await writes.append({ link: link(stale), expectedHeadId: null })
      const results = await Promise.allSettled([
        writes.append({ link: link(stale), expectedHeadId: null }),
        // The CHECK on created_at fails the whole statement: alone, the others still get in.
        writes.append({ link: link(broken, { createdAt: 'not a number' }), expectedHeadId: null }),
        writes.append({ link: link(fine), expectedHeadId: null }),
      ])
      expect(results[0]).toMatchObject({ status: 'rejected', reason: { status: 400, message: STALE_CHAIN_MESSAGE } })
      expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ code: '23514' }) })
      expect(results[2]).toMatchObject({ status: 'fulfilled' })
      expect(await chainOf(database.db, broken)).toEqual([])
      expect(await chainOf(database.db, fine)).toHaveLength(1)
      expect(await chainOf(database.db, stale)).toHaveLength(1)
    })

    it('retries a refused batch one append at a time, never more statements at once than the batches in flight', async () => {
      let running = 0
      let mostAtOnce = 0
      const query = async <R extends Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) => {
        running += 1
        mostAtOnce = Math.max(mostAtOnce, running)
        try {
          return await database.db.query<R>(sql, params, options)
        } finally {
          running -= 1
        }
      }
      const writes = createChainWrites({ ...database.db, query } as Database)
      // Every batch holds broken appends (the CHECK on created_at), so every batch is retried singly.
      const appends = Array.from({ length: 48 }, (_, n) => {
        const changes = n % 4 === 0 ? { createdAt: 'not a number' } : {}
        return { link: link(avatarOf(5000 + n), changes), expectedHeadId: null }
      })
      const results = await Promise.allSettled(appends.map((append) => writes.append(append)))
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(36)
      // BATCHING.maxInFlight in chain-writes.ts.
      expect(mostAtOnce).toBeLessThanOrEqual(4)
    })

    it('does not retry a batch whose commit may have gone through: each append gets the error, not a stale 400', async () => {
      let appendStatements = 0
      // The statement runs and commits, then the connection drops before its answer arrives.
      const query = async <R extends Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) => {
        const rows = await database.db.query<R>(sql, params, options)
        if (!sql.includes('INSERT INTO proof_chain')) return rows
        appendStatements += 1
        throw new Error('Connection terminated unexpectedly')
      }
      const writes = createChainWrites({ ...database.db, query } as Database)
      const avatars = [avatarOf(6000), avatarOf(6001), avatarOf(6002)]
      const results = await Promise.allSettled(
        avatars.map((avatar) => writes.append({ link: link(avatar), expectedHeadId: null })),
      )
      for (const result of results) {
        expect(result).toMatchObject({ status: 'rejected', reason: { message: 'Connection terminated unexpectedly' } })
      }
      expect(appendStatements).toBe(1)
      for (const avatar of avatars) expect(await chainOf(database.db, avatar)).toHaveLength(1)
    })

    it('deletes the binding a delete link names', async () => {
      const writes = createChainWrites(database.db)
      const avatar = avatarOf(4000)
      const created = await writes.append({ link: link(avatar, { identity: 'gone' }), expectedHeadId: null })
      await writes.append({ link: link(avatar, { identity: 'gone', action: 'delete' }), expectedHeadId: created })
      expect(await database.db.query('SELECT 1 FROM proof WHERE avatar = $1', [avatar])).toEqual([])
      expect(await chainOf(database.db, avatar)).toHaveLength(2)
    })
  })
}
