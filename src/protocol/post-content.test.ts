import { describe, expect, it } from 'vitest'
import {
  TEST_AVATAR,
  TEST_AVATAR_UNCOMPRESSED,
  TEST_PREV,
  TEST_UUID,
} from '../../test/support/src/protocol/test-keys.js'
import { buildPostContent, choosePostContent, fillSignature } from './post-content.js'

const base = {
  action: 'create',
  platform: 'twitter',
  identity: 'Alice',
  avatar: TEST_AVATAR_UNCOMPRESSED,
  uuid: TEST_UUID,
  createdAt: '1705413052',
  prev: null,
} as const
const HEX = TEST_AVATAR.slice(2)
const POWERED = 'Powered by Next.ID - Connect All Digital Identities.'

describe('buildPostContent', () => {
  it('writes the Twitter texts with the identity as typed and Misc: uuid|created_at|prev', () => {
    expect(buildPostContent(base)).toEqual({
      default: `🎭 Verify @Alice with @NextDotID.\nSig: %SIG_BASE64%\nMisc: ${TEST_UUID}|1705413052|`,
      en_US: `🎭 Verify @Alice with @NextDotID.\nSig: %SIG_BASE64%\nMisc: ${TEST_UUID}|1705413052|`,
      zh_CN: `🎭 由 @NextDotID 验证 @Alice 。\nSig: %SIG_BASE64%\n其它信息: ${TEST_UUID}|1705413052|`,
    })
    expect(buildPostContent({ ...base, prev: TEST_PREV }).default).toBe(
      `🎭 Verify @Alice with @NextDotID.\nSig: %SIG_BASE64%\nMisc: ${TEST_UUID}|1705413052|${TEST_PREV}`,
    )
  })

  it('writes the Discord texts under en-US / zh-CN keys', () => {
    expect(buildPostContent({ ...base, platform: 'discord', identity: 'Alice#0001' })).toEqual({
      default: 'Verifying my discord ID: Alice#0001 on NextID. \nSig: %SIG_BASE64%',
      'en-US': 'Verifying my discord ID: Alice#0001 on NextID. \nSig: %SIG_BASE64%',
      'zh-CN': '在NextID上认证我的账号： Alice#0001 \nSig: %SIG_BASE64%',
    })
  })

  it('writes the Minds text, with a Previous line only after the first link', () => {
    expect(buildPostContent({ ...base, platform: 'minds' })).toEqual({
      default: `🎭 Verifying my Minds ID @Alice for NextID.\n\nSig: %SIG_BASE64%\nCreatedAt: 1705413052\nUUID: ${TEST_UUID}\n\n${POWERED}\n`,
    })
    expect(buildPostContent({ ...base, platform: 'minds', prev: TEST_PREV }).default).toBe(
      `🎭 Verifying my Minds ID @Alice for NextID.\n\nSig: %SIG_BASE64%\nCreatedAt: 1705413052\nUUID: ${TEST_UUID}\nPrevious: ${TEST_PREV}\n\n${POWERED}\n`,
    )
  })

  it('writes the ActivityPub text with the handle without its leading @', () => {
    expect(buildPostContent({ ...base, platform: 'activitypub', identity: '@alice@example.social' })).toEqual({
      default:
        `Validate my ActivityPub identity @alice@example.social for Avatar 0x${HEX}:\n\nSignature: %SIG_BASE64%\n` +
        `UUID: ${TEST_UUID}\nPrevious: null\nCreatedAt: 1705413052\n\n${POWERED}\n`,
    })
  })

  it('writes the DNS TXT value, dotbit record and Steam summary', () => {
    expect(buildPostContent({ ...base, platform: 'dns', identity: 'Example.com' })).toEqual({
      default: `ps:true;v:1;sig:%SIG_BASE64%;ca:1705413052;uuid:${TEST_UUID};prev:null`,
    })
    expect(buildPostContent({ ...base, platform: 'dns', identity: 'example.com', prev: TEST_PREV }).default).toBe(
      `ps:true;v:1;sig:%SIG_BASE64%;ca:1705413052;uuid:${TEST_UUID};prev:${TEST_PREV}`,
    )
    expect(buildPostContent({ ...base, platform: 'dotbit', identity: 'alice.bit' })).toEqual({
      default: '%COMPRESSED_PERSONA_PUBKEY_HEX%:%SIG_BASE64%',
    })
    expect(buildPostContent({ ...base, platform: 'steam', identity: 'gaben' })).toEqual({
      default: `NextID proof: %SIG_BASE64%:1705413052:${TEST_UUID}:null`,
    })
  })

  it('writes the GitHub gist file as Go MarshalIndent does, with the payload embedded as a string', () => {
    const content = buildPostContent({ ...base, platform: 'github', identity: 'OctoCat' })
    expect(content).toEqual({
      default: [
        '{',
        '\t"version": "1",',
        '\t"comment": "Here\'s an NextID proof of this Github account.",',
        '\t"comment2": "To validate, base64.decode the signature, and recover pubkey from it using sign_payload with ethereum personal_sign algo.",',
        `\t"persona": "0x${HEX}",`,
        '\t"github_username": "octocat",',
        `\t"sign_payload": "{\\"action\\":\\"create\\",\\"created_at\\":\\"1705413052\\",\\"identity\\":\\"octocat\\",\\"platform\\":\\"github\\",\\"prev\\":null,\\"uuid\\":\\"${TEST_UUID}\\"}",`,
        '\t"signature": "%SIG_BASE64%",',
        '\t"created_at": "1705413052",',
        `\t"uuid": "${TEST_UUID}"`,
        '}',
      ].join('\n'),
    })
    expect(JSON.parse(content.default).sign_payload).toBe(
      `{"action":"create","created_at":"1705413052","identity":"octocat","platform":"github","prev":null,"uuid":"${TEST_UUID}"}`,
    )
  })

  it('writes the Keybase file with keybase_username and the delete payload when deleting', () => {
    const document = JSON.parse(
      buildPostContent({ ...base, action: 'delete', platform: 'keybase', identity: 'Max' }).default,
    )
    expect(Object.keys(document)).toEqual([
      'version',
      'comment',
      'comment2',
      'persona',
      'keybase_username',
      'sign_payload',
      'signature',
      'created_at',
      'uuid',
    ])
    expect(document.comment).toBe("Here's an NextID proof of this Keybase account.")
    expect(document.keybase_username).toBe('max')
    expect(document.sign_payload).toContain('"action":"delete"')
  })

  it('has an empty default for the signature-only platforms', () => {
    expect(
      buildPostContent({ ...base, platform: 'ethereum', identity: '0x115d0e8886e48b7eed48ecc40dfe8d327c4604c3' }),
    ).toEqual({ default: '' })
    expect(
      buildPostContent({ ...base, platform: 'solana', identity: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T' }),
    ).toEqual({ default: '' })
    expect(buildPostContent({ ...base, platform: 'nextid', identity: TEST_AVATAR })).toEqual({ default: '' })
  })

  it('refuses bad input, naming the field', () => {
    expect(() => buildPostContent({ ...base, action: undefined } as never)).toThrow(
      '"action" expected string, got undefined',
    )
    expect(() => buildPostContent({ ...base, identity: '@alice' })).toThrow(
      '"identity" must not start with "@": drop the @ (alice, not @alice)',
    )
    expect(() => buildPostContent({ ...base, uuid: 'x' })).toThrow('"uuid" expected a UUID like 8-4-4-4-12 hex digits')
    expect(() => buildPostContent({ ...base, createdAt: 'soon' })).toThrow(
      '"createdAt" expected decimal unix seconds as a string',
    )
    expect(() => buildPostContent({ ...base, prev: 'abc=' })).toThrow('"prev" expected base64 of 65 bytes, got 2 bytes')
    expect(() => buildPostContent({ ...base, avatar: 'zz' })).toThrow('"avatar" expected hex digits (0-9, a-f)')
    expect(() => buildPostContent({ ...base, platform: 'x' } as never)).toThrow(/^"platform" expected one of/)
  })
})

describe('choosePostContent', () => {
  const twitter = buildPostContent(base)
  const discord = buildPostContent({ ...base, platform: 'discord', identity: 'Alice#0001' })

  it('maps browser languages to the keys, as Mask does, and falls back to default', () => {
    expect(choosePostContent(twitter, 'zh-CN')).toBe(twitter.zh_CN)
    expect(choosePostContent(twitter, 'en-US')).toBe(twitter.en_US)
    expect(choosePostContent(twitter, 'zh')).toBe(twitter.default)
    expect(choosePostContent(twitter, 'fr-FR')).toBe(twitter.default)
    expect(choosePostContent(twitter, '')).toBe(twitter.default)
    expect(choosePostContent(discord, 'zh-CN')).toBe(discord['zh-CN'])
    expect(choosePostContent(discord, 'zh_CN')).toBe(discord['zh-CN'])
  })

  it('ignores inherited keys and refuses content without a default', () => {
    expect(choosePostContent({ default: 'd' }, 'constructor')).toBe('d')
    expect(() => choosePostContent({ en_US: 'x' }, 'de')).toThrow('"postContent" has no "default" text')
    expect(() => choosePostContent('text', 'en')).toThrow('"postContent" expected an object, got string')
    expect(() => choosePostContent({ default: 'd' }, undefined)).toThrow('"language" expected string, got undefined')
  })
})

describe('fillSignature', () => {
  it('replaces %SIG_BASE64% everywhere', () => {
    expect(fillSignature(choosePostContent(buildPostContent(base), 'en'), TEST_PREV)).toBe(
      `🎭 Verify @Alice with @NextDotID.\nSig: ${TEST_PREV}\nMisc: ${TEST_UUID}|1705413052|`,
    )
    expect(fillSignature('a %SIG_BASE64% b %SIG_BASE64%', TEST_PREV)).toBe(`a ${TEST_PREV} b ${TEST_PREV}`)
  })

  it('fills the dotbit avatar as 0x + compressed hex', () => {
    expect(fillSignature('%COMPRESSED_PERSONA_PUBKEY_HEX%:%SIG_BASE64%', TEST_PREV, TEST_AVATAR_UNCOMPRESSED)).toBe(
      `0x${HEX}:${TEST_PREV}`,
    )
    expect(() => fillSignature('%COMPRESSED_PERSONA_PUBKEY_HEX%:%SIG_BASE64%', TEST_PREV)).toThrow(
      '"avatar" is needed to fill %COMPRESSED_PERSONA_PUBKEY_HEX%',
    )
  })

  it('refuses a signature that is not base64 of 65 bytes', () => {
    expect(() => fillSignature('Sig: %SIG_BASE64%', 'AAAA')).toThrow(
      '"signature" expected base64 of 65 bytes, got 3 bytes',
    )
    expect(() => fillSignature('Sig: %SIG_BASE64%', '$&')).toThrow('"signature" expected standard padded base64')
    expect(() => fillSignature(null, TEST_PREV)).toThrow('"text" expected string, got null')
  })
})
