import { verifyMessage } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  TEST_ADDRESS,
  TEST_AVATAR,
  TEST_AVATAR_UNCOMPRESSED,
  TEST_PREV,
  TEST_PRIVATE_KEY_HEX,
  TEST_UUID,
} from '../../test/support/src/protocol/test-keys.js'
import { bytesToHex, hexToBytes, signPersonalMessage } from '../crypto/index.js'
import { buildKvSignPayload } from './kv-payload.js'
import { parseJsonPreservingNumbers } from './parse-json.js'

const AVATAR_HEX = TEST_AVATAR_UNCOMPRESSED.slice(2)
const WALLET_A = '0x1111111111111111111111111111111111111111'
const WALLET_B = '0x2222222222222222222222222222222222222222'

const base = {
  uuid: TEST_UUID,
  avatar: TEST_AVATAR,
  platform: 'twitter',
  identity: 'alice',
  patch: {},
  createdAt: 1646983606,
  previous: null,
} as const

describe('buildKvSignPayload', () => {
  it('builds the §9.2 shape: fixed field order, patch keys sorted at every depth', () => {
    // The patch is given in the order a JS client would build it; the payload sorts it byte-wise.
    const tip = (createdAt: string, identity: string, isDefault: number) => ({
      platform: 'ethereum',
      identity,
      is_valid: true,
      isPublic: 1,
      isDefault,
      last_checked_at: createdAt,
      invalid_reason: '',
      created_at: createdAt,
    })
    const payload = buildKvSignPayload({
      ...base,
      avatar: TEST_AVATAR_UNCOMPRESSED,
      platform: 'nextid',
      identity: TEST_AVATAR,
      patch: { 'com.maskbook.tip': [tip('1650188620', WALLET_A, 0), tip('1650195158', WALLET_B, 1)] },
      createdAt: 1650209531,
    })
    expect(payload).toBe(
      `{"version":"1","uuid":"${TEST_UUID}","avatar":"${AVATAR_HEX}","platform":"nextid","identity":"${TEST_AVATAR}",` +
        `"patch":{"com.maskbook.tip":[{"created_at":"1650188620","identity":"${WALLET_A}","invalid_reason":"","isDefault":0,"isPublic":1,"is_valid":true,"last_checked_at":"1650188620","platform":"ethereum"},` +
        `{"created_at":"1650195158","identity":"${WALLET_B}","invalid_reason":"","isDefault":1,"isPublic":1,"is_valid":true,"last_checked_at":"1650195158","platform":"ethereum"}]},` +
        '"created_at":1650209531,"previous":null}',
    )
  })

  it('keeps floats in a patch as serde_json prints them', () => {
    const patch = parseJsonPreservingNumbers(
      '{"b": 1.0, "a": [0.1, 1e21, 2.50, 100, 1.5e-7], "c": {"z": -0, "y": 12345678901234567890}}',
      'patch',
    )
    expect(buildKvSignPayload({ ...base, patch })).toBe(
      `{"version":"1","uuid":"${TEST_UUID}","avatar":"${AVATAR_HEX}","platform":"twitter","identity":"alice",` +
        '"patch":{"a":[0.1,1e21,2.5,100,1.5e-7],"b":1.0,"c":{"y":12345678901234567890,"z":-0.0}},' +
        '"created_at":1646983606,"previous":null}',
    )
  })

  it('writes identity and strings as sent, escaping only what JSON needs, and any previous signature', () => {
    const payload = buildKvSignPayload({
      ...base,
      uuid: TEST_UUID.toUpperCase(),
      avatar: AVATAR_HEX.toUpperCase(),
      identity: 'Alice<&>\u2028"',
      patch: { 'com.mask.plugin': { note: '<b>&</b>\n' }, removed: null },
      previous: TEST_PREV,
    })
    expect(payload).toBe(
      `{"version":"1","uuid":"${TEST_UUID}","avatar":"${AVATAR_HEX}","platform":"twitter","identity":"Alice<&>\u2028\\"",` +
        '"patch":{"com.mask.plugin":{"note":"<b>&</b>\\n"},"removed":null},' +
        `"created_at":1646983606,"previous":"${TEST_PREV}"}`,
    )
  })

  it('accepts a non-object patch, which replaces the whole content', () => {
    expect(buildKvSignPayload({ ...base, patch: null })).toContain('"patch":null,')
    expect(buildKvSignPayload({ ...base, patch: [1, 'x'] })).toContain('"patch":[1,"x"],')
  })

  it('refuses bad input, naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ uuid: 'x' }, '"uuid" expected a UUID like 8-4-4-4-12 hex digits'],
      [{ avatar: '0x02' }, '"avatar" expected 33 or 65 bytes, got 1'],
      [
        { platform: 'myspace' },
        '"platform" expected one of twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid, got "myspace"',
      ],
      [{ identity: '' }, '"identity" expected a non-empty string'],
      [{ identity: 'a\uDC00' }, '"identity" contains a lone UTF-16 surrogate, which has no UTF-8 form'],
      [{ patch: undefined }, '"patch" cannot be written as JSON: undefined'],
      [{ patch: { a: Number.NaN } }, '"patch.a" expected a finite number, got NaN'],
      [{ createdAt: '1646983606' }, '"createdAt" expected an integer, got string of length 10'],
      [{ createdAt: 1.5 }, '"createdAt" expected an integer, got number'],
      [{ createdAt: -1 }, '"createdAt" expected 0..9007199254740991, got -1'],
      [{ previous: undefined }, '"previous" expected string, got undefined'],
      [{ previous: 'AAAA' }, '"previous" expected base64 of 65 bytes, got 3 bytes'],
    ]
    for (const [change, message] of cases) {
      expect(() => buildKvSignPayload({ ...base, ...change } as never), message).toThrow(message)
    }
  })

  it('produces payloads that sign and verify with viem', async () => {
    const payload = buildKvSignPayload({ ...base, identity: '你好🎭', patch: { 'com.mask.plugin': { n: 1.5 } } })
    const signature = signPersonalMessage(payload, hexToBytes(TEST_PRIVATE_KEY_HEX, 'privateKey'))
    expect(
      await verifyMessage({ address: TEST_ADDRESS, message: payload, signature: `0x${bytesToHex(signature)}` }),
    ).toBe(true)
  })
})
