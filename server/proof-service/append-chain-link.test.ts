import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DRIVERS } from '../db/test-databases.js'
import { appendChainLink, type NewChainLink, STALE_CHAIN_MESSAGE } from './append-chain-link.js'
import { readChainHead } from './chain-head.js'
import { openTestProofService, type TestProofService } from './test-proof-service.js'

let count = 0
const link = (avatar: string, changes: Partial<NewChainLink> = {}): NewChainLink => {
  count += 1
  return {
    avatar,
    action: 'create',
    platform: 'ethereum',
    identity: `0x${String(count).padStart(40, '0')}`,
    altId: '',
    location: '',
    createdAt: String(1_700_000_000 + count),
    signature: `c2lnbmF0dXJl${count}`,
    signaturePayload: `{"n":${count}}`,
    extra: { wallet_signature: '' },
    uuid: `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`,
    ...changes,
  }
}

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`appendChainLink on ${driver.name}`, () => {
    let service: TestProofService
    beforeAll(async () => {
      service = await openTestProofService({ driver })
    }, 60_000)
    afterAll(() => service?.dispose(), 60_000)

    it('appends after the expected head only, and applies create and delete to the proof rows (§7.2)', async () => {
      const avatar = `0x02${'a'.repeat(64)}`
      const genesis = await appendChainLink(service.db, link(avatar, { identity: 'x', location: 'one' }), null)
      await expect(appendChainLink(service.db, link(avatar), null)).rejects.toMatchObject({
        status: 400,
        message: STALE_CHAIN_MESSAGE,
      })
      const second = await appendChainLink(service.db, link(avatar, { identity: 'x', location: 'two' }), genesis)
      expect(await readChainHead(service.db, avatar)).toMatchObject({ id: second })
      const proofs = () =>
        service.db.query('SELECT identity, location FROM proof WHERE avatar = $1 ORDER BY id', [avatar])
      expect(await proofs()).toEqual([
        { identity: 'x', location: 'one' },
        { identity: 'x', location: 'two' },
      ])
      await appendChainLink(service.db, link(avatar, { action: 'delete', identity: 'x' }), second)
      expect(await proofs()).toEqual([])
    })

    it('serializes racing appends on one head in the database: exactly one wins', async () => {
      const avatar = `0x03${'b'.repeat(64)}`
      const head = await appendChainLink(service.db, link(avatar), null)
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () => appendChainLink(service.db, link(avatar), head)),
      )
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
      for (const result of results.filter((result) => result.status === 'rejected')) {
        expect(result.reason).toMatchObject({ status: 400, message: STALE_CHAIN_MESSAGE })
      }
      const rows = await service.db.query('SELECT count(*)::int AS n FROM proof_chain WHERE avatar = $1', [avatar])
      expect(rows).toEqual([{ n: 2 }])
    })
  })
}
