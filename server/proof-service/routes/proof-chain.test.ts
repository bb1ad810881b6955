import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBinding, submitBinding } from '../../../test/support/server/proof-service/test-bindings.js'
import {
  AVATAR,
  AVATAR_KEY,
  OTHER_AVATAR,
  signBase64,
  WALLET_ADDRESS,
  WALLET_KEY,
} from '../../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../../test/support/server/proof-service/test-proof-service.js'
import { TEST_AVATAR_UNCOMPRESSED } from '../../../test/support/src/protocol/test-keys.js'

describe('GET /v1/proofchain', () => {
  let service: TestProofService
  let walletSignature: string
  let payload: { sign_payload: string; uuid: string; created_at: string }
  const chain = (search: string) => service.call('GET', `/v1/proofchain?${search}`)

  beforeAll(async () => {
    service = await openTestProofService()
    const bound = await submitBinding(service, {
      platform: 'ethereum',
      identity: WALLET_ADDRESS,
      extra: (signPayload) => {
        walletSignature = signBase64(signPayload, WALLET_KEY)
        return { signature: signBase64(signPayload, AVATAR_KEY), wallet_signature: walletSignature }
      },
    })
    expect(bound.status).toBe(201)
    payload = bound.payload
    for (let n = 1; n <= 44; n++) {
      await insertBinding(service.db, {
        avatar: AVATAR,
        platform: 'twitter',
        identity: `user${n}`,
        location: String(n),
      })
    }
    await insertBinding(service.db, { avatar: OTHER_AVATAR, platform: 'twitter', identity: 'someone' })
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  it('prints each link with the reference fields, oldest first (§4.8, §15 #18)', async () => {
    const { status, json } = await chain(`avatar=${AVATAR}`)
    expect(status).toBe(200)
    expect(json.pagination).toEqual({ total: 45, per: 40, current: 1, next: 2 })
    expect(json.proof_chain).toHaveLength(40)
    expect(json.proof_chain[0]).toEqual({
      action: 'create',
      platform: 'ethereum',
      identity: WALLET_ADDRESS,
      alt_id: WALLET_ADDRESS,
      proof_location: '',
      created_at: payload.created_at,
      signature: signBase64(payload.sign_payload, AVATAR_KEY),
      signature_payload: payload.sign_payload,
      uuid: payload.uuid,
      extra: { wallet_signature: walletSignature },
      arweave_id: '',
    })
    expect(Object.keys(json.proof_chain[0])).toEqual([
      'action',
      'platform',
      'identity',
      'alt_id',
      'proof_location',
      'created_at',
      'signature',
      'signature_payload',
      'uuid',
      'extra',
      'arweave_id',
    ])
    expect(json.proof_chain.slice(1, 4).map((link: { identity: string }) => link.identity)).toEqual([
      'user1',
      'user2',
      'user3',
    ])
  })

  it('pages 40 links with next 0 on the last page', async () => {
    const { json } = await chain(`avatar=${AVATAR}&page=2`)
    expect(json.pagination).toEqual({ total: 45, per: 40, current: 2, next: 0 })
    expect(json.proof_chain.map((link: { identity: string }) => link.identity)).toEqual([
      'user40',
      'user41',
      'user42',
      'user43',
      'user44',
    ])
  })

  it('takes any key form, and the legacy public_key parameter (§15 #3)', async () => {
    const compressed = await chain(`avatar=${AVATAR}`)
    expect(await chain(`avatar=${TEST_AVATAR_UNCOMPRESSED.slice(2)}`)).toEqual(compressed)
    expect(await chain(`public_key=${AVATAR.toUpperCase()}`)).toEqual(compressed)
  })

  it('answers an empty chain for an avatar without links', async () => {
    const unknown = '0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'
    expect((await chain(`avatar=${unknown}`)).json).toEqual({
      pagination: { total: 0, per: 40, current: 1, next: 0 },
      proof_chain: [],
    })
  })

  it.each([
    ['', 'Param missing'],
    ['avatar=', 'Param missing'],
    ['avatar=0x1234', 'public key not recognized'],
    [`avatar=${AVATAR}&page=x`, 'Param error'],
  ])('400 for %j', async (search, message) => {
    expect(await chain(search)).toEqual({ status: 400, json: { message } })
  })
})
