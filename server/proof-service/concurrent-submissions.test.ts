/**
 * Many submissions built on the same chain head, sent at once (§15 #4): exactly one lands per
 * head, every other one gets the clear stale-chain 400, and the chain stays linear and verifies.
 * On PostgreSQL also through two apps on two connection pools, as two server processes would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addressOf, getPublicKey } from '../../src/crypto/index.js'
import { verifyProofChain } from '../../src/verify/index.js'
import { TEST_DRIVERS } from '../../test/support/server/db/test-databases.js'
import {
  type BindingSpec,
  requestPayload,
  submissionBody,
} from '../../test/support/server/proof-service/test-bindings.js'
import { AVATAR, AVATAR_KEY, signBase64 } from '../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../test/support/server/proof-service/test-proof-service.js'
import { STALE_CHAIN_MESSAGE } from './append-chain-link.js'

const PARALLEL = 20

function walletSpec(seed: number): BindingSpec {
  const key = new Uint8Array(32).fill(seed)
  return {
    platform: 'ethereum',
    identity: addressOf(getPublicKey(key)),
    extra: (signPayload) => ({
      signature: signBase64(signPayload, AVATAR_KEY),
      wallet_signature: signBase64(signPayload, key),
    }),
  }
}

/** PARALLEL different bindings, all signed on the current head, submitted together round-robin over `services`. */
async function race(services: TestProofService[], round: number) {
  const specs = Array.from({ length: PARALLEL }, (_, index) => walletSpec(round * PARALLEL + index + 1))
  const bodies = await Promise.all(
    specs.map(async (spec, index) =>
      submissionBody(spec, await requestPayload(services[index % services.length] as TestProofService, spec)),
    ),
  )
  return Promise.all(
    bodies.map((body, index) =>
      (services[index % services.length] as TestProofService).call('POST', '/v1/proof', body),
    ),
  )
}

async function expectLinearVerifiedChain(service: TestProofService, length: number) {
  const { json } = await service.call('GET', `/v1/proofchain?avatar=${AVATAR}`)
  expect(json.pagination.total).toBe(length)
  const links = json.proof_chain.map((link: Record<string, string>) => ({
    ...link,
    createdAt: link.created_at,
    signaturePayload: link.signature_payload,
  }))
  expect(verifyProofChain(AVATAR, links).valid).toBe(true)
  const rows = await service.db.query<{ id: string; previous_id: string | null }>(
    'SELECT id, previous_id FROM proof_chain WHERE avatar = $1 ORDER BY id',
    [AVATAR],
  )
  expect(rows.map((row) => row.previous_id)).toEqual([null, ...rows.slice(0, -1).map((row) => row.id)])
}

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`concurrent POST /v1/proof on ${driver.name}`, () => {
    let service: TestProofService
    beforeAll(async () => {
      service = await openTestProofService({ driver })
    }, 60_000)
    afterAll(() => service?.dispose(), 60_000)

    it(`lets exactly one of ${PARALLEL} same-head submissions in per round; the rest get a clear 400`, async () => {
      for (const round of [0, 1, 2]) {
        const answers = await race([service], round)
        expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1)
        const losers = answers.filter((answer) => answer.status !== 201)
        expect(losers).toEqual(Array(PARALLEL - 1).fill({ status: 400, json: { message: STALE_CHAIN_MESSAGE } }))
      }
      await expectLinearVerifiedChain(service, 3)
      expect(await service.db.query('SELECT count(*)::int AS n FROM proof WHERE avatar = $1', [AVATAR])).toEqual([
        { n: 3 },
      ])
    })
  })
}

const postgres = TEST_DRIVERS.find((driver) => driver.name === 'postgres') as (typeof TEST_DRIVERS)[number]
describe.skipIf(postgres.skip)('concurrent POST /v1/proof through two server processes on one PostgreSQL', () => {
  let first: TestProofService
  let second: TestProofService
  beforeAll(async () => {
    first = await openTestProofService({ driver: postgres })
    second = await openTestProofService({ database: first.database, db: await first.database.openAnother() })
  }, 60_000)
  afterAll(async () => {
    await second?.dispose()
    await first?.dispose()
  }, 60_000)

  it('keeps one linear chain: one winner per head across both, every loser a clear 400', async () => {
    for (const round of [0, 1, 2, 3]) {
      const answers = await race([first, second], round)
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1)
      expect(answers.filter((answer) => answer.status === 400)).toHaveLength(PARALLEL - 1)
    }
    await expectLinearVerifiedChain(second, 4)
  })
})
