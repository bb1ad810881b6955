import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addressOf, getPublicKey } from '../../src/crypto/index.js'
import { submitBinding } from '../../test/support/server/proof-service/test-bindings.js'
import { AVATAR, AVATAR_KEY, signBase64 } from '../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../test/support/server/proof-service/test-proof-service.js'
import { MAX_BINDINGS_PER_AVATAR } from './avatar-bindings.js'

let service: TestProofService
beforeAll(async () => {
  service = await openTestProofService()
}, 60_000)
afterAll(() => service?.dispose(), 60_000)

function walletBinding(seed: number) {
  const walletKey = new Uint8Array(32).fill(seed)
  return {
    platform: 'ethereum',
    identity: addressOf(getPublicKey(walletKey)),
    extra: (signPayload: string) => ({
      signature: signBase64(signPayload, AVATAR_KEY),
      wallet_signature: signBase64(signPayload, walletKey),
    }),
  }
}

describe('the bindings cap per avatar', () => {
  it(`refuses a new binding past ${MAX_BINDINGS_PER_AVATAR}, and still lets one be proven again`, async () => {
    const first = walletBinding(0x51)
    expect((await submitBinding(service, first)).status).toBe(201)
    // The rest of the avatar's bindings, written directly: only how many there are matters here.
    await service.db.query(
      `INSERT INTO proof (avatar, platform, identity, proof_chain_id)
       SELECT $1, 'github', 'user' || n, (SELECT max(id) FROM proof_chain) FROM generate_series(2, $2::int) AS n`,
      [AVATAR, MAX_BINDINGS_PER_AVATAR],
    )
    const chainBefore = await service.call('GET', `/v1/proofchain?avatar=${AVATAR}`)
    const refused = await submitBinding(service, walletBinding(0x52))
    expect(refused).toMatchObject({
      status: 400,
      json: { message: `this avatar already has ${MAX_BINDINGS_PER_AVATAR} bindings, the most one avatar may have` },
    })
    expect(await service.call('GET', `/v1/proofchain?avatar=${AVATAR}`)).toEqual(chainBefore)
    expect((await submitBinding(service, first)).status).toBe(201)
  })
})
