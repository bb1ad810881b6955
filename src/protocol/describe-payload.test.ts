import { describe, expect, it } from 'vitest'
import {
  TEST_ADDRESS,
  TEST_AVATAR,
  TEST_AVATAR_UNCOMPRESSED,
  TEST_PREV,
  TEST_UUID,
} from '../../test/support/src/protocol/test-keys.js'
import { describeKvPayload, describeProofPayload, shortenHex } from './describe-payload.js'
import { buildKvSignPayload } from './kv-payload.js'
import { parseJsonPreservingNumbers } from './parse-json.js'
import { buildProofSignPayload } from './proof-payload.js'

const GENERATOR_KEY = '0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'
const proof = {
  action: 'create',
  platform: 'github',
  identity: 'Alice',
  avatar: TEST_AVATAR,
  uuid: TEST_UUID,
  createdAt: '1700000000',
  prev: null,
} as const

describe('describeProofPayload', () => {
  it('describes a binding, naming the avatar when given', () => {
    expect(describeProofPayload(buildProofSignPayload(proof), TEST_AVATAR_UNCOMPRESSED)).toEqual({
      action: 'create',
      platform: 'github',
      identity: 'alice',
      avatar: TEST_AVATAR,
      prev: null,
      text: 'Bind GitHub account alice to avatar 0x03198d…36e5',
    })
    const onHead = describeProofPayload(buildProofSignPayload({ ...proof, platform: 'twitter', prev: TEST_PREV }))
    expect(onHead.text).toBe('Bind X/Twitter account alice to your avatar')
    expect(onHead.prev).toBe(TEST_PREV)
  })

  it('describes a revocation of a wallet, taking the avatar from persona', () => {
    const payload = buildProofSignPayload({ ...proof, action: 'delete', platform: 'ethereum', identity: TEST_ADDRESS })
    expect(describeProofPayload(payload)).toEqual({
      action: 'delete',
      platform: 'ethereum',
      identity: TEST_ADDRESS,
      avatar: TEST_AVATAR,
      prev: null,
      text: 'Revoke the binding of Ethereum wallet 0x115d0e…04c3 from avatar 0x03198d…36e5',
    })
  })

  it('describes an avatar-to-avatar link', () => {
    const payload = buildProofSignPayload({ ...proof, platform: 'nextid', identity: GENERATOR_KEY })
    expect(describeProofPayload(payload).text).toBe('Bind Next.ID avatar 0x0279be…1798 to avatar 0x03198d…36e5')
  })

  it('refuses an avatar that is not the payload persona', () => {
    const payload = buildProofSignPayload({ ...proof, platform: 'ethereum', identity: TEST_ADDRESS })
    expect(() => describeProofPayload(payload, GENERATOR_KEY)).toThrow(
      '"avatar" is not the persona the sign_payload names',
    )
    expect(() => describeProofPayload(buildProofSignPayload(proof), 'nope')).toThrow(
      '"avatar" expected hex digits (0-9, a-f)',
    )
  })

  it('refuses anything that is not exactly a ProofService payload', () => {
    const valid = JSON.parse(buildProofSignPayload(proof))
    const cases: [unknown, string][] = [
      [42, '"sign_payload" expected the sign_payload string'],
      ['{', '"sign_payload" is not valid JSON'],
      ['[]', '"sign_payload" is not a JSON object'],
      [{ ...valid, extra: 1 }, '"sign_payload" has an unexpected key "extra"'],
      [{ ...valid, persona: TEST_AVATAR }, '"sign_payload" has an unexpected key "persona"'],
      [{ ...valid, uuid: undefined }, '"sign_payload" is missing "uuid"'],
      [{ ...valid, action: 'kv' }, '"sign_payload" has a bad "action": expected one of create, delete, got "kv"'],
      [
        { ...valid, platform: 'x' },
        '"sign_payload" has a bad "platform": expected one of twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid, got "x"',
      ],
      [{ ...valid, identity: '' }, '"sign_payload" has a bad "identity": expected a non-empty string'],
      [{ ...valid, created_at: 1700000000 }, '"sign_payload" has a bad "created_at": expected string, got number'],
      [{ ...valid, uuid: 'x' }, '"sign_payload" has a bad "uuid": expected a UUID like 8-4-4-4-12 hex digits'],
      [{ ...valid, prev: 'AAAA' }, '"sign_payload" has a bad "prev": expected base64 of 65 bytes, got 3 bytes'],
      [{ ...valid, platform: 'ethereum', identity: TEST_ADDRESS }, '"sign_payload" is missing "persona"'],
    ]
    for (const [payload, message] of cases) {
      const text = typeof payload === 'object' ? JSON.stringify(payload) : payload
      expect(() => describeProofPayload(text), message).toThrow(message)
    }
  })
})

describe('describeKvPayload', () => {
  const kv = {
    uuid: TEST_UUID,
    avatar: TEST_AVATAR,
    platform: 'twitter',
    identity: 'alice',
    patch: { 'com.mask.plugin.x': { n: 1 }, y: null },
    createdAt: 1700000000,
    previous: null,
  } as const

  it('describes which keys a KV write sets and deletes', () => {
    expect(describeKvPayload(buildKvSignPayload(kv))).toEqual({
      action: 'kv',
      platform: 'twitter',
      identity: 'alice',
      avatar: TEST_AVATAR,
      prev: null,
      text: 'Write KV data for X/Twitter account alice on avatar 0x03198d…36e5: set com.mask.plugin.x, delete y',
      sets: ['com.mask.plugin.x'],
      deletes: ['y'],
      replacesAll: false,
    })
  })

  it('describes whole replacements, empty patches and nextid data', () => {
    expect(describeKvPayload(buildKvSignPayload({ ...kv, patch: [1], previous: TEST_PREV })).text).toBe(
      'Write KV data for X/Twitter account alice on avatar 0x03198d…36e5: replace all data',
    )
    expect(describeKvPayload(buildKvSignPayload({ ...kv, patch: {} })).text).toBe(
      'Write KV data for X/Twitter account alice on avatar 0x03198d…36e5: change nothing',
    )
    expect(describeKvPayload(buildKvSignPayload({ ...kv, platform: 'nextid', identity: TEST_AVATAR })).text).toBe(
      'Write KV data for Next.ID avatar 0x03198d…36e5 on avatar 0x03198d…36e5: set com.mask.plugin.x, delete y',
    )
  })

  it('refuses anything that is not exactly a KVService payload', () => {
    const valid = buildKvSignPayload(kv)
    const edit = (change: (payload: Record<string, unknown>) => void) => {
      const payload = parseJsonPreservingNumbers(valid, 'payload') as Record<string, unknown>
      change(payload)
      return JSON.stringify(payload, (_key, value) => (value?.isLosslessNumber ? Number(value.value) : value))
    }
    const cases: [string, string | RegExp][] = [
      [valid.replace('"version":"1"', '"version":"2"'), '"sign_payload" has an unknown version (expected "1")'],
      [valid.replace('"previous":null', '"prev":null'), '"sign_payload" has an unexpected key "prev"'],
      [valid.replace('"avatar":"04', '"persona":"04'), '"sign_payload" has an unexpected key "persona"'],
      [valid.replace('{"version":"1",', '{'), '"sign_payload" is missing "version"'],
      [
        valid.replace('"created_at":1700000000', '"created_at":"1700000000"'),
        '"sign_payload" has a bad "created_at": expected unix seconds as a JSON integer',
      ],
      [
        valid.replace('"created_at":1700000000', '"created_at":1.5'),
        '"sign_payload" has a bad "created_at": expected unix seconds as a JSON integer',
      ],
      [
        edit((p) => {
          p.avatar = '04'
        }),
        '"sign_payload" has a bad "avatar": expected 33 or 65 bytes, got 1',
      ],
      [
        edit((p) => {
          p.platform = 'tiktok'
        }),
        '"sign_payload" has a bad "platform": expected one of twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid, got "tiktok"',
      ],
      [
        edit((p) => {
          p.previous = 'AAAA'
        }),
        '"sign_payload" has a bad "previous": expected base64 of 65 bytes, got 3 bytes',
      ],
      [valid.replace('"y":null', '"y":null,"y":1'), '"sign_payload" has the key "y" twice'],
      [valid.slice(1), /^"sign_payload" is not valid JSON: /],
    ]
    for (const [text, message] of cases) expect(() => describeKvPayload(text), String(message)).toThrow(message)
  })
})

describe('shortenHex', () => {
  it('keeps 6 hex digits after 0x and the last 4', () => {
    expect(shortenHex(TEST_AVATAR)).toBe('0x03198d…36e5')
    expect(shortenHex('0x1234')).toBe('0x1234')
  })
})
