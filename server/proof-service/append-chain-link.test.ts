import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DRIVERS } from '../../test/support/server/db/test-databases.js'
import { sampleChainLink } from '../../test/support/server/proof-service/test-chain-links.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../test/support/server/proof-service/test-proof-service.js'
import type { Queryable } from '../db/database.js'
import { appendChainLinks, type NewChainLink } from './append-chain-link.js'
import { readChainHead } from './chain-head.js'

const link = sampleChainLink

/** One append on its own: the new link's id, or null when the chain had moved on. */
async function appendOne(db: Queryable, link: NewChainLink, expectedHeadId: string | null): Promise<string | null> {
  const [id] = await appendChainLinks(db, [{ link, expectedHeadId }])
  return id ?? null
}

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`appendChainLinks on ${driver.name}`, () => {
    let service: TestProofService
    beforeAll(async () => {
      service = await openTestProofService({ driver })
    }, 60_000)
    afterAll(() => service?.dispose(), 60_000)

    it('appends after the expected head only, and applies create and delete to the proof rows (§7.2)', async () => {
      const avatar = `0x02${'a'.repeat(64)}`
      const genesis = await appendOne(service.db, link(avatar, { identity: 'x', location: 'one' }), null)
      expect(await appendOne(service.db, link(avatar), null)).toBeNull()
      const second = await appendOne(service.db, link(avatar, { identity: 'x', location: 'two' }), genesis)
      expect(await readChainHead(service.db, avatar)).toMatchObject({ id: second })
      const proofs = () =>
        service.db.query('SELECT identity, location FROM proof WHERE avatar = $1 ORDER BY id', [avatar])
      expect(await proofs()).toEqual([
        { identity: 'x', location: 'one' },
        { identity: 'x', location: 'two' },
      ])
      await appendOne(service.db, link(avatar, { action: 'delete', identity: 'x' }), second)
      expect(await proofs()).toEqual([])
    })

    it('serializes racing appends on one head in the database: exactly one wins', async () => {
      const avatar = `0x03${'b'.repeat(64)}`
      const head = await appendOne(service.db, link(avatar), null)
      const results = await Promise.all(Array.from({ length: 12 }, () => appendOne(service.db, link(avatar), head)))
      expect(results.filter((id) => id !== null)).toHaveLength(1)
      const rows = await service.db.query('SELECT count(*)::int AS n FROM proof_chain WHERE avatar = $1', [avatar])
      expect(rows).toEqual([{ n: 2 }])
    })

    it('serializes racing genesis links in the database: exactly one wins', async () => {
      const avatar = `0x03${'c'.repeat(64)}`
      const results = await Promise.all(Array.from({ length: 12 }, () => appendOne(service.db, link(avatar), null)))
      expect(results.filter((id) => id !== null)).toHaveLength(1)
      const rows = await service.db.query('SELECT count(*)::int AS n FROM proof_chain WHERE avatar = $1', [avatar])
      expect(rows).toEqual([{ n: 1 }])
    })

    it('fails on a unique conflict other than a lost race, instead of passing it off as a moved head', async () => {
      // A link whose id the sequence hands out next: the following insert collides on the primary key.
      await service.db.query(
        `INSERT INTO proof_chain (id, avatar, action, platform, identity, created_at, signature, signature_payload, uuid)
         VALUES (nextval('proof_chain_id_seq') + 1, $1, 'create', 'ethereum', 'taken', '1', 'c2ln', '{}', 'u')`,
        [`0x02${'d'.repeat(64)}`],
      )
      const avatar = `0x02${'e'.repeat(64)}`
      await expect(appendOne(service.db, link(avatar), null)).rejects.toMatchObject({ code: '23505' })
      expect(await readChainHead(service.db, avatar)).toBeNull()
    })
  })
}
