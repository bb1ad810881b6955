import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DRIVERS, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import type { Database } from './database.js'
import { lockAvatarChain } from './lock-avatar-chain.js'
import { migrate } from './migrate.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`lockAvatarChain on ${driver.name}`, () => {
    let test: TestDatabase
    let db: Database
    beforeAll(async () => {
      test = await driver.open()
      db = test.db
      await migrate(db)
    })
    afterAll(() => test?.dispose())

    // The route's pattern: lock, re-read the head inside the transaction, append after it.
    let uuids = 0
    const append = (avatar: string, onLocked = async () => {}) =>
      db.transaction(async (tx) => {
        await lockAvatarChain(tx, avatar)
        await onLocked()
        const [head] = await tx.query<{ id: string | null }>(
          'SELECT max(id)::text AS id FROM kv_chain WHERE avatar = $1',
          [avatar],
        )
        await pause(30)
        await tx.query(
          `INSERT INTO kv_chain (uuid, avatar, platform, identity, patch, patch_text, signature, signature_payload, created_at, previous_id)
           VALUES ($1, $2, 'nextid', $2, '{}'::jsonb, '{}', 'c2ln', '{}', 1, $3)`,
          [`uuid-${++uuids}`, avatar, head?.id ?? null],
        )
      })

    it('serializes concurrent appends to one chain, so every one of them lands in order', async () => {
      const avatar = `0x02${'1'.repeat(64)}`
      await Promise.all([append(avatar), append(avatar), append(avatar)])
      const links = await db.query<{ id: string; previous_id: string | null }>(
        'SELECT id, previous_id FROM kv_chain WHERE avatar = $1 ORDER BY id',
        [avatar],
      )
      expect(links.map((link) => link.previous_id)).toEqual([null, links[0]?.id, links[1]?.id])
    })

    // PGlite has one connection, so only a server can show other avatars going ahead.
    const itOnServer = driver.name === 'pglite' ? () => undefined : it
    itOnServer('does not hold up appends to other avatars', async () => {
      const order: string[] = []
      await Promise.all([
        append(`0x02${'2'.repeat(64)}`, async () => {
          await pause(300)
          order.push('slow')
        }),
        (async () => {
          await pause(50)
          await append(`0x02${'3'.repeat(64)}`)
          order.push('other')
        })(),
      ])
      expect(order).toEqual(['other', 'slow'])
    })
  })
}
