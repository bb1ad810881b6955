import { describe, expect, it } from 'vitest'
import { growthRatio } from '../../test/support/linear-time.js'
import { TEST_AVATAR, TEST_PREV, TEST_UUID } from '../../test/support/src/protocol/test-keys.js'
import { parseDnsTxtRecord } from './dns-txt-record.js'
import { buildPostContent, fillSignature } from './post-content.js'

const record = (prev: string | null) =>
  fillSignature(
    buildPostContent({
      action: 'create',
      platform: 'dns',
      identity: 'example.com',
      avatar: TEST_AVATAR,
      uuid: TEST_UUID,
      createdAt: '1664267795',
      prev,
    }).default,
    TEST_PREV,
  )

describe('parseDnsTxtRecord', () => {
  it('reads an unclosed quoted string full of escaped quotes in time linear in its length', () => {
    const record = (length: number) => `"${'\\"'.repeat(length / 2)}`
    const read = (text: string) => {
      try {
        parseDnsTxtRecord([text])
      } catch {
        // Not a proof record: only the time it took matters here.
      }
    }
    expect(growthRatio(record, read, 64 * 1024)).toBeLessThan(9)
  })

  it('reads the record our template produces', () => {
    expect(parseDnsTxtRecord([record(null)])).toEqual({
      signature: TEST_PREV,
      createdAt: '1664267795',
      uuid: TEST_UUID,
      prev: null,
    })
    expect(parseDnsTxtRecord([record(TEST_PREV)]).prev).toBe(TEST_PREV)
  })

  it('joins a record split into several strings, raw or in DoH presentation form', () => {
    const text = record(TEST_PREV)
    expect(text.length).toBeGreaterThan(200)
    const parts = [text.slice(0, 100), text.slice(100, 180), text.slice(180)]
    expect(parseDnsTxtRecord(parts).prev).toBe(TEST_PREV)
    expect(parseDnsTxtRecord([parts.map((part) => `"${part}"`).join(' ')]).prev).toBe(TEST_PREV)
    expect(parseDnsTxtRecord([`"${text}"`]).signature).toBe(TEST_PREV)
  })

  it('accepts fields in any order and extra fields', () => {
    const text = `uuid:${TEST_UUID.toUpperCase()};prev:null;ca:1664267795;sig:${TEST_PREV};v:1;ps:true;note:hi`
    expect(parseDnsTxtRecord([text])).toEqual({
      signature: TEST_PREV,
      createdAt: '1664267795',
      uuid: TEST_UUID,
      prev: null,
    })
  })

  it('says what is missing or malformed', () => {
    const valid = record(null)
    const cases: [string, string][] = [
      [valid.replace(';prev:null', ''), '"record" is missing the "prev" field'],
      [valid.replace('ps:true;', ''), '"record" is missing the "ps" field'],
      [valid.replace('ps:true', 'ps:false'), '"record" is not a Next.ID proof (expected ps:true)'],
      [valid.replace('v:1', 'v:2'), '"record" has unsupported version v:2'],
      [`${valid};`, '"record" has a field that is not key:value: ""'],
      [valid.replace('prev:null', 'prev:a:b'), '"record" has a field that is not key:value: "prev:a:b"'],
      [valid.replace(TEST_PREV, 'AAAA'), '"record.sig" expected base64 of 65 bytes, got 3 bytes'],
      [valid.replace('ca:1664267795', 'ca:soon'), '"record.ca" expected decimal unix seconds as a string'],
      [valid.replace(TEST_UUID, 'nope'), '"record.uuid" expected a UUID like 8-4-4-4-12 hex digits'],
    ]
    for (const [text, message] of cases) expect(() => parseDnsTxtRecord([text]), message).toThrow(message)
    expect(() => parseDnsTxtRecord([])).toThrow('"record" expected the non-empty list of strings of one TXT record')
    expect(() => parseDnsTxtRecord(valid)).toThrow('"record" expected the non-empty list of strings of one TXT record')
    expect(() => parseDnsTxtRecord([valid, 7])).toThrow('"record[1]" expected string, got number')
  })
})
