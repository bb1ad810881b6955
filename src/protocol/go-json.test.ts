import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { byUtf8Bytes, jsonObject, jsonString } from '../../test/support/src/protocol/test-arbitraries.js'
import { InvalidInputError } from '../errors.js'
import { stringifyGoJson } from './go-json.js'

// Independent rendering: JSON.stringify's escaping plus the characters Go escapes on top, keys
// sorted with Buffer.compare.
function goReference(value: unknown): string {
  if (typeof value === 'string') return goString(value)
  if (Array.isArray(value)) return `[${value.map(goReference).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record).sort(byUtf8Bytes)
    return `{${keys.map((key) => `${goString(key)}:${goReference(record[key])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function goString(text: string): string {
  return JSON.stringify(text)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')
}

const leaf = fc.oneof(jsonString, fc.maxSafeInteger(), fc.boolean(), fc.constant(null))

describe('stringifyGoJson', () => {
  it('sorts keys and writes compact JSON', () => {
    expect(stringifyGoJson({ uuid: 'u', action: 'create', prev: null, n: -7, ok: true, list: [1, 'a', {}] })).toBe(
      '{"action":"create","list":[1,"a",{}],"n":-7,"ok":true,"prev":null,"uuid":"u"}',
    )
  })

  it('escapes like Go: HTML characters, U+2028/U+2029, short and \\u00XX control escapes', () => {
    expect(stringifyGoJson('<script>&</script>')).toBe('"\\u003cscript\\u003e\\u0026\\u003c/script\\u003e"')
    expect(stringifyGoJson('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"')
    expect(stringifyGoJson('"\\\n\r\t\b\f')).toBe('"\\"\\\\\\n\\r\\t\\b\\f"')
    expect(stringifyGoJson('\u0000\u0001\u001f\u007f')).toBe('"\\u0000\\u0001\\u001f\u007f"')
    expect(stringifyGoJson("a/b+c='d'")).toBe('"a/b+c=\'d\'"')
    expect(stringifyGoJson('你好🎭é')).toBe('"你好🎭é"')
  })

  it('orders keys by UTF-8 bytes, not by UTF-16 units', () => {
    // U+E000 is EE 80 80 in UTF-8 and 😀 is F0 9F 98 80, but JS's own sort puts 😀 (D83D …) first.
    expect(['😀', '\uE000'].sort()).toEqual(['😀', '\uE000'])
    expect(stringifyGoJson({ '😀': 1, '\uE000': 2, Z: 3, _: 4, a: 5 })).toBe('{"Z":3,"_":4,"a":5,"\uE000":2,"😀":1}')
    expect(stringifyGoJson({ isPublic: 1, is_valid: 2, isDefault: 3 })).toBe(
      '{"isDefault":3,"isPublic":1,"is_valid":2}',
    )
    expect(stringifyGoJson({ 10: 'a', 9: 'b' })).toBe('{"10":"a","9":"b"}')
  })

  it('writes -0 as 0, as a Go int would', () => {
    expect(stringifyGoJson(-0)).toBe('0')
  })

  it('refuses what Go could not sign as given', () => {
    expect(() => stringifyGoJson({ identity: 'a\uD800b' }, 'payload')).toThrow(
      new InvalidInputError('payload.identity', 'contains a lone UTF-16 surrogate, which has no UTF-8 form'),
    )
    expect(() => stringifyGoJson({ '\uDC00': 1 })).toThrow(
      '"value" contains a lone UTF-16 surrogate, which has no UTF-8 form',
    )
    expect(() => stringifyGoJson([1, 1.5])).toThrow('"value[1]" expected a safe integer, got 1.5')
    expect(() => stringifyGoJson(2 ** 53)).toThrow('"value" expected a safe integer, got 9007199254740992')
    expect(() => stringifyGoJson(Number.NaN)).toThrow('"value" expected a safe integer, got NaN')
    expect(() => stringifyGoJson({ a: undefined })).toThrow('"value.a" cannot be written as JSON: undefined')
    expect(() => stringifyGoJson(new Uint8Array(2))).toThrow('"value" cannot be written as JSON: Uint8Array(2)')
    expect(() => stringifyGoJson(new Date(0))).toThrow('"value" cannot be written as JSON: object')
    expect(() => stringifyGoJson(1n)).toThrow('"value" cannot be written as JSON: bigint')
  })

  it('agrees with an independent rendering on generated objects, and parses back', () => {
    fc.assert(
      fc.property(jsonObject(leaf), (value) => {
        const text = stringifyGoJson(value)
        expect(text).toBe(goReference(value))
        expect(JSON.parse(text)).toEqual(value)
      }),
      { numRuns: 1000 },
    )
  })

  it('renders every generated string as Go would and parses back to it', () => {
    fc.assert(
      fc.property(jsonString, (text) => {
        const rendered = stringifyGoJson(text)
        expect(rendered).toBe(goString(text))
        expect(JSON.parse(rendered)).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })
})
