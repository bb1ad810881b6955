import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toChecksumAddress } from '../../../src/crypto/index.js'
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

describe('GET /v1/proof/exists', () => {
  let service: TestProofService
  const exists = (platform: string, identity: string, publicKey: string) =>
    service.call(
      'GET',
      `/v1/proof/exists?${new URLSearchParams({ platform, identity, public_key: publicKey }).toString()}`,
    )

  beforeAll(async () => {
    service = await openTestProofService()
    const bound = await submitBinding(service, {
      platform: 'ethereum',
      identity: WALLET_ADDRESS,
      extra: (signPayload) => ({
        signature: signBase64(signPayload, AVATAR_KEY),
        wallet_signature: signBase64(signPayload, WALLET_KEY),
      }),
    })
    expect(bound.status).toBe(201)
    await insertBinding(service.db, { avatar: OTHER_AVATAR, platform: 'twitter', identity: 'alice', altId: '12345' })
    await insertBinding(service.db, { avatar: OTHER_AVATAR, platform: 'discord', identity: 'Alice#1234' })
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  it('answers 200 with the check state, in the reference field order (§4.7)', async () => {
    const { status, json } = await exists('ethereum', toChecksumAddress(WALLET_ADDRESS), TEST_AVATAR_UNCOMPRESSED)
    expect(status).toBe(200)
    expect(Object.keys(json)).toEqual(['created_at', 'last_checked_at', 'is_valid', 'invalid_reason'])
    expect(json).toEqual({
      created_at: expect.stringMatching(/^\d{10}$/),
      last_checked_at: expect.stringMatching(/^\d{10}$/),
      is_valid: true,
      invalid_reason: '',
    })
  })

  it('matches the alt_id too, and lowercases only where identities are stored lowercased (§15 #13)', async () => {
    expect((await exists('twitter', '12345', OTHER_AVATAR)).status).toBe(200)
    expect((await exists('twitter', 'ALICE', OTHER_AVATAR)).status).toBe(200)
    expect((await exists('discord', 'Alice#1234', OTHER_AVATAR)).status).toBe(200)
    expect((await exists('discord', 'alice#1234', OTHER_AVATAR)).status).toBe(404)
  })

  it('answers 404 "Record not found for <platform>: <identity>" for another avatar or identity', async () => {
    expect(await exists('twitter', 'Nobody', OTHER_AVATAR)).toEqual({
      status: 404,
      json: { message: 'Record not found for twitter: Nobody' },
    })
    expect((await exists('ethereum', WALLET_ADDRESS, OTHER_AVATAR)).status).toBe(404)
  })

  it.each([
    [{ identity: 'alice', public_key: AVATAR }, 'Param missing'],
    [{ platform: 'twitter', public_key: AVATAR }, 'Param missing'],
    [{ platform: 'twitter', identity: 'alice' }, 'Param missing'],
    [{ platform: 'twitter', identity: 'alice', public_key: 'nope' }, 'Public key unmarshal error'],
  ])('400 for %j', async (params, message) => {
    const res = await service.call('GET', `/v1/proof/exists?${new URLSearchParams(params).toString()}`)
    expect(res).toEqual({ status: 400, json: { message } })
  })
})
