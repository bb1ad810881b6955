import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../../src/crypto/index.js'
import { buildPostContent, buildProofSignPayload, fillSignature } from '../../../src/protocol/index.js'
import {
  AVATAR,
  AVATAR_KEY,
  OTHER_AVATAR,
  OTHER_AVATAR_KEY,
  signBase64,
} from '../../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../../test/support/server/proof-service/test-proof-service.js'
import { TEST_PREV, TEST_UUID } from '../../../test/support/src/protocol/test-keys.js'

const signed = {
  action: 'create',
  platform: 'twitter',
  identity: 'alice',
  uuid: TEST_UUID,
  createdAt: '1700000000',
} as const

describe('POST /v1/proof/restore_pubkey', () => {
  let service: TestProofService
  beforeAll(async () => {
    service = await openTestProofService()
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  const restore = (body: unknown) => service.call('POST', '/v1/proof/restore_pubkey', body)
  const formA = (prev: string | null, key = AVATAR_KEY) => ({
    action: 'create',
    platform: 'twitter',
    identity: 'Alice',
    uuid: TEST_UUID.toUpperCase(),
    created_at: '1700000000',
    previous: prev ?? '',
    signature: signBase64(buildProofSignPayload({ ...signed, avatar: AVATAR, prev }), key),
  })

  it('form (a): recovers the avatar from the payload parts and the signature, answering 200 (§4.10)', async () => {
    expect(await restore(formA(null))).toEqual({ status: 200, json: { public_key: AVATAR } })
    expect(await restore(formA(TEST_PREV))).toEqual({ status: 200, json: { public_key: AVATAR } })
    expect(await restore({ ...formA(TEST_PREV, OTHER_AVATAR_KEY) })).toEqual({
      status: 200,
      json: { public_key: OTHER_AVATAR },
    })
  })

  it('form (b): reads the Sig: and Misc: lines of a whole tweet', async () => {
    const params = { ...signed, identity: 'Alice', avatar: AVATAR, prev: TEST_PREV }
    const signature = signBase64(buildProofSignPayload(params), AVATAR_KEY)
    const tweet = fillSignature(buildPostContent(params).default, signature)
    const body = { action: 'create', platform: 'twitter', identity: 'Alice', proof_post: tweet }
    expect(await restore(body)).toEqual({ status: 200, json: { public_key: AVATAR } })
  })

  it.each([
    ['no signature', { ...formA(null), signature: '' }, 'param invalid'],
    ['no identity', { ...formA(null), identity: undefined }, 'param invalid'],
    [
      'a short signature',
      { ...formA(null), signature: encodeBase64(new Uint8Array(64)) },
      'Signature length invalid: 64 instead of 65',
    ],
    ['a bad previous', { ...formA(null), previous: 'AAAA' }, '"previous" expected base64 of 65 bytes, got 3 bytes'],
    ['a bad uuid', { ...formA(null), uuid: 'x' }, 'error when parsing uuid: x not recognized'],
    [
      'created_at as a number',
      { ...formA(null), created_at: 1700000000 },
      'when parsing body: "created_at" expected string, got number',
    ],
    [
      'ethereum, whose payload holds the avatar',
      { ...formA(null), platform: 'ethereum' },
      'platform not supported: ethereum',
    ],
    [
      'a tweet form for another platform',
      { action: 'create', platform: 'github', identity: 'a', proof_post: 'Sig: x' },
      'platform not supported: github',
    ],
    [
      'a tweet without a Sig: line',
      { action: 'create', platform: 'twitter', identity: 'a', proof_post: 'hello' },
      'proof_post: "text" has no "Sig: <value>" line',
    ],
  ])('400 for %s', async (_, body, message) => {
    expect(await restore(body)).toEqual({ status: 400, json: { message } })
  })

  it('answers a signature that recovers to no key with 400 "bad signature"', async () => {
    const zeros = new Uint8Array(65)
    zeros[64] = 27
    expect(await restore({ ...formA(null), signature: encodeBase64(zeros) })).toEqual({
      status: 400,
      json: { message: 'bad signature' },
    })
  })
})
