import { describe, expect, it } from 'vitest'
import { growthRatio } from '../../test/support/linear-time.js'
import {
  TEST_AVATAR,
  TEST_AVATAR_UNCOMPRESSED,
  TEST_PREV,
  TEST_UUID,
} from '../../test/support/src/protocol/test-keys.js'
import { buildPostContent, fillSignature } from './post-content.js'
import { findSignatureLine, MAX_POST_LENGTH, parseDotbitRecord, parseTwitterMisc } from './proof-post.js'

const SIG = TEST_PREV
const params = {
  action: 'create',
  identity: 'alice',
  avatar: TEST_AVATAR,
  uuid: TEST_UUID,
  createdAt: '1705413052',
  prev: null,
} as const

const published = (platform: 'twitter' | 'discord' | 'minds' | 'activitypub' | 'steam', prev: string | null = null) =>
  fillSignature(
    buildPostContent({
      ...params,
      platform,
      prev,
      identity: platform === 'activitypub' ? 'alice@example.social' : 'alice',
    }).default,
    SIG,
  )

describe('findSignatureLine', () => {
  it.each([
    ['unclosed tags', '<'],
    ['tags opened inside tags', '<a '],
    ['unfinished entities', '&amp'],
    ['line breaks without ends', '<br '],
  ])('reads HTML made of %s in time linear in its length', (_name, unit) => {
    const post = (length: number) => unit.repeat(Math.floor(length / unit.length))
    const read = (text: string) => {
      try {
        findSignatureLine(text, 'activitypub')
      } catch {
        // No signature line: only the time it took matters here.
      }
    }
    expect(growthRatio(post, read, MAX_POST_LENGTH / 4)).toBeLessThan(9)
  })

  it('refuses a post longer than any proof post before reading it', () => {
    expect(() => findSignatureLine('a'.repeat(MAX_POST_LENGTH + 1), 'activitypub')).toThrow(
      `"text" is longer than ${MAX_POST_LENGTH} characters, more than any proof post`,
    )
  })

  it('finds the signature in the posts our templates produce', () => {
    for (const platform of ['twitter', 'discord', 'minds', 'activitypub', 'steam'] as const) {
      expect(findSignatureLine(published(platform), platform), platform).toBe(SIG)
    }
  })

  it('takes the first non-empty Sig: line and tolerates CRLF', () => {
    expect(findSignatureLine('hello\r\nSig: first\r\nSig: second', 'twitter')).toBe('first')
    expect(findSignatureLine('Sig: \nSig: abc=', 'discord')).toBe('abc=')
    expect(findSignatureLine('x Sig: no\nSig: yes', 'minds')).toBe('yes')
  })

  it('reads ActivityPub statuses given as HTML (Mastodon, Pleroma)', () => {
    const html =
      '<p>Validate my ActivityPub identity <span class="h-card"><a href="https://example.social/@alice">@alice</a></span>' +
      ' for Avatar 0x03abc:</p><p>Signature: vBT+0qWu&#x2F;LFx&amp;=<br />UUID: x<br/>Previous: null</p>'
    expect(findSignatureLine(html, 'activitypub')).toBe('vBT+0qWu/LFx&=')
    expect(findSignatureLine('<p>Signature: a&amp;lt;b</p>', 'activitypub')).toBe('a&lt;b')
  })

  it('finds the Steam signature anywhere in the summary', () => {
    expect(findSignatureLine(`About me. NextID proof: ${SIG}:1705413052:${TEST_UUID}:null and more`, 'steam')).toBe(SIG)
  })

  it('says what is missing', () => {
    expect(() => findSignatureLine('no signature here', 'twitter')).toThrow('"text" has no "Sig: <value>" line')
    expect(() => findSignatureLine('Sig: ', 'discord')).toThrow('"text" has no "Sig: <value>" line')
    expect(() => findSignatureLine('Sig: abc', 'activitypub')).toThrow('"text" has no "Signature: <value>" line')
    expect(() => findSignatureLine('NextID proof: abc', 'steam')).toThrow(
      '"text" has no "NextID proof: <signature>:" part',
    )
    expect(() => findSignatureLine('Sig: abc', 'github')).toThrow('"platform" has no signature line in a post: github')
    expect(() => findSignatureLine('Sig: abc', 'myspace')).toThrow(/^"platform" expected one of/)
    expect(() => findSignatureLine(undefined, 'twitter')).toThrow('"text" expected string, got undefined')
  })
})

describe('parseTwitterMisc', () => {
  it('reads uuid, created_at and prev, with an empty prev for the first link', () => {
    expect(parseTwitterMisc(published('twitter'))).toEqual({ uuid: TEST_UUID, createdAt: '1705413052', prev: null })
    expect(parseTwitterMisc(published('twitter', TEST_PREV))).toEqual({
      uuid: TEST_UUID,
      createdAt: '1705413052',
      prev: TEST_PREV,
    })
    expect(parseTwitterMisc(`Misc: ${TEST_UUID.toUpperCase()}|01705413052|`).uuid).toBe(TEST_UUID)
  })

  it('says what is missing or malformed', () => {
    expect(() => parseTwitterMisc('Sig: abc')).toThrow('"text" has no "Misc: <value>" line')
    expect(() => parseTwitterMisc(`Misc: ${TEST_UUID}|1705413052`)).toThrow(
      '"text" has a "Misc:" line without exactly uuid|created_at|prev',
    )
    expect(() => parseTwitterMisc('Misc: nope|1705413052|')).toThrow(
      '"misc.uuid" expected a UUID like 8-4-4-4-12 hex digits',
    )
    expect(() => parseTwitterMisc(`Misc: ${TEST_UUID}|soon|`)).toThrow(
      '"misc.created_at" expected decimal unix seconds as a string',
    )
    expect(() => parseTwitterMisc(`Misc: ${TEST_UUID}|1|AAAA`)).toThrow(
      '"misc.prev" expected base64 of 65 bytes, got 3 bytes',
    )
  })
})

describe('parseDotbitRecord', () => {
  it('reads 0x<compressed avatar>:<signature>', () => {
    const record = fillSignature('%COMPRESSED_PERSONA_PUBKEY_HEX%:%SIG_BASE64%', SIG, TEST_AVATAR_UNCOMPRESSED)
    expect(parseDotbitRecord(record)).toEqual({ persona: TEST_AVATAR, signature: SIG })
  })

  it('refuses records without the 0x avatar or the signature', () => {
    expect(() => parseDotbitRecord(`${TEST_AVATAR.slice(2)}:${SIG}`)).toThrow(
      '"record" expected 0x<compressed avatar hex>:<signature>',
    )
    expect(() => parseDotbitRecord(TEST_AVATAR)).toThrow('"record" expected 0x<compressed avatar hex>:<signature>')
    expect(() => parseDotbitRecord(`${TEST_AVATAR}:`)).toThrow('"record" has no signature after the ":"')
    expect(() => parseDotbitRecord(`0x1234:${SIG}`)).toThrow('"record" expected 33 or 65 bytes, got 2')
  })
})
