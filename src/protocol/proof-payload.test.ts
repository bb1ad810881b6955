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
import { bytesToHex, encodeBase64, hexToBytes, recoverPersonalSigner, signPersonalMessage } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { buildLegacyProofSignPayload, buildProofSignPayload } from './proof-payload.js'

const GENERATOR_KEY = '0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'
const SOLANA_ADDRESS = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T'

const base = {
  action: 'create',
  platform: 'twitter',
  identity: 'Alice',
  avatar: TEST_AVATAR,
  uuid: TEST_UUID.toUpperCase(),
  createdAt: '1700000000',
  prev: null,
} as const

describe('buildProofSignPayload', () => {
  it('builds the genesis Twitter payload byte for byte', () => {
    expect(buildProofSignPayload(base)).toBe(
      '{"action":"create","created_at":"1700000000","identity":"alice","platform":"twitter","prev":null,"uuid":"6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f"}',
    )
  })

  it('builds a Twitter payload with a previous link, keeping / and + unescaped', () => {
    expect(buildProofSignPayload({ ...base, action: 'delete', prev: TEST_PREV, createdAt: '0001700000001' })).toBe(
      '{"action":"delete","created_at":"1700000001","identity":"alice","platform":"twitter",' +
        '"prev":"vBT+0qWuLFx+eT8qRfT5qthMfKpWE57kqAKAbFuxqc9Lqg4t9xvz0KlD+/sXevwb2cF5lab0CZKFSPMxjT+bYxs=",' +
        '"uuid":"6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f"}',
    )
  })

  it("accepts a 64-byte prev: a Solana wallet's revocation link keeps its ed25519 signature (§6.5)", () => {
    const solanaRevocation = encodeBase64(new Uint8Array(64).fill(7))
    expect(buildProofSignPayload({ ...base, prev: solanaRevocation })).toContain(`"prev":"${solanaRevocation}"`)
    expect(() => buildProofSignPayload({ ...base, prev: encodeBase64(new Uint8Array(63)) })).toThrow(
      '"prev" expected base64 of 65 bytes, got 63 bytes',
    )
  })

  it('adds persona for ethereum, between identity and platform', () => {
    const payload = buildProofSignPayload({
      ...base,
      platform: 'ethereum',
      identity: TEST_ADDRESS.toUpperCase().replace('0X', '0x'),
      avatar: TEST_AVATAR_UNCOMPRESSED,
      createdAt: '1650000000',
    })
    expect(payload).toBe(
      '{"action":"create","created_at":"1650000000","identity":"0x115d0e8886e48b7eed48ecc40dfe8d327c4604c3",' +
        '"persona":"0x03198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5","platform":"ethereum",' +
        '"prev":null,"uuid":"6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f"}',
    )
  })

  it('adds persona for solana and nextid, and not for other platforms', () => {
    expect(buildProofSignPayload({ ...base, platform: 'solana', identity: SOLANA_ADDRESS })).toBe(
      `{"action":"create","created_at":"1700000000","identity":"${SOLANA_ADDRESS}","persona":"${TEST_AVATAR}","platform":"solana","prev":null,"uuid":"${TEST_UUID}"}`,
    )
    expect(buildProofSignPayload({ ...base, platform: 'nextid', identity: GENERATOR_KEY.toUpperCase().slice(2) })).toBe(
      `{"action":"create","created_at":"1700000000","identity":"${GENERATOR_KEY}","persona":"${TEST_AVATAR}","platform":"nextid","prev":null,"uuid":"${TEST_UUID}"}`,
    )
    expect(buildProofSignPayload({ ...base, platform: 'github' })).not.toContain('persona')
  })

  it('escapes HTML characters like Go and keeps CJK and emoji as UTF-8', () => {
    expect(buildProofSignPayload({ ...base, identity: 'Bob<script>&你好🎭' })).toBe(
      '{"action":"create","created_at":"1700000000","identity":"bob\\u003cscript\\u003e\\u0026你好🎭","platform":"twitter","prev":null,"uuid":"6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f"}',
    )
  })

  it('refuses bad input, naming the field', () => {
    const cases: [Record<string, unknown>, InvalidInputError][] = [
      [{ action: 'add' }, new InvalidInputError('action', 'expected one of create, delete, got "add"')],
      [
        { platform: 'tiktok' },
        new InvalidInputError(
          'platform',
          'expected one of twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid, got "tiktok"',
        ),
      ],
      [
        { identity: '@alice' },
        new InvalidInputError('identity', 'must not start with "@": drop the @ (alice, not @alice)'),
      ],
      [{ createdAt: 1700000000 }, new InvalidInputError('createdAt', 'expected string, got number')],
      [{ createdAt: '1.5' }, new InvalidInputError('createdAt', 'expected decimal unix seconds as a string')],
      [{ uuid: 'not-a-uuid' }, new InvalidInputError('uuid', 'expected a UUID like 8-4-4-4-12 hex digits')],
      [{ prev: undefined }, new InvalidInputError('prev', 'expected string, got undefined')],
      [{ prev: '' }, new InvalidInputError('prev', 'expected base64 of 65 bytes, got 0 bytes')],
      [{ prev: 'vBT-0qWu' }, new InvalidInputError('prev', 'expected standard padded base64')],
      [{ prev: TEST_PREV.slice(4) }, new InvalidInputError('prev', 'expected base64 of 65 bytes, got 62 bytes')],
      [{ avatar: '0x1234' }, new InvalidInputError('avatar', 'expected 33 or 65 bytes, got 2')],
      [{ avatar: undefined }, new InvalidInputError('avatar', 'expected string, got undefined')],
    ]
    for (const [change, error] of cases) {
      expect(() => buildProofSignPayload({ ...base, ...change } as never), JSON.stringify(change)).toThrow(
        error.message,
      )
    }
    expect(() => buildProofSignPayload(null as never)).toThrow('"params" expected an object, got null')
  })

  it('produces payloads that sign and verify with viem (UTF-8 byte length in the prefix)', async () => {
    const privateKey = hexToBytes(TEST_PRIVATE_KEY_HEX, 'privateKey')
    for (const identity of ['alice', 'Bob<script>&你好🎭']) {
      const payload = buildProofSignPayload({ ...base, identity, prev: TEST_PREV })
      const signature = signPersonalMessage(payload, privateKey)
      expect(
        await verifyMessage({ address: TEST_ADDRESS, message: payload, signature: `0x${bytesToHex(signature)}` }),
      ).toBe(true)
      expect(`0x${bytesToHex(recoverPersonalSigner(payload, signature))}`).toBe(TEST_AVATAR)
    }
  })
})

describe('buildLegacyProofSignPayload', () => {
  it('builds the 4-key pre-2022-03-15 payload from the stored identity', () => {
    expect(buildLegacyProofSignPayload({ action: 'create', identity: 'alice', platform: 'twitter', prev: null })).toBe(
      '{"action":"create","identity":"alice","platform":"twitter","prev":null}',
    )
    expect(
      buildLegacyProofSignPayload({ action: 'delete', identity: 'Alice<&>', platform: 'keybase', prev: TEST_PREV }),
    ).toBe(`{"action":"delete","identity":"Alice\\u003c\\u0026\\u003e","platform":"keybase","prev":"${TEST_PREV}"}`)
  })

  it('refuses bad input, naming the field', () => {
    const legacy = { action: 'create', identity: 'alice', platform: 'twitter', prev: null }
    expect(() => buildLegacyProofSignPayload({ ...legacy, action: 'kv' })).toThrow(
      '"action" expected one of create, delete, got "kv"',
    )
    expect(() => buildLegacyProofSignPayload({ ...legacy, platform: 'myspace' })).toThrow(/^"platform" expected one of/)
    expect(() => buildLegacyProofSignPayload({ ...legacy, identity: '' })).toThrow(
      '"identity" expected a non-empty string',
    )
    expect(() => buildLegacyProofSignPayload({ ...legacy, prev: 'abc' })).toThrow(
      '"prev" expected standard padded base64',
    )
  })
})
