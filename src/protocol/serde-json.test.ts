import fc from 'fast-check'
import { LosslessNumber } from 'lossless-json'
import { describe, expect, it } from 'vitest'
import { byUtf8Bytes, jsonObject, jsonString } from '../../test/support/src/protocol/test-arbitraries.js'
import { parseJsonPreservingNumbers } from './parse-json.js'
import { quoteSerdeString, stringifySerdeJson } from './serde-json.js'

const serde = (literal: string) => stringifySerdeJson(new LosslessNumber(literal))

describe('stringifySerdeJson numbers', () => {
  it('prints number literals as serde_json + ryu do', () => {
    const cases: [string, string][] = [
      ['1', '1'],
      ['1.0', '1.0'],
      ['100.0', '100.0'],
      ['1e2', '100.0'],
      ['0.1', '0.1'],
      ['1.5', '1.5'],
      ['-1.5', '-1.5'],
      ['123.456', '123.456'],
      ['1e21', '1e21'],
      ['1e-7', '1e-7'],
      ['1E-7', '1e-7'],
      ['5e-324', '5e-324'],
      ['1.7976931348623157e308', '1.7976931348623157e308'],
      ['0.001', '0.001'],
      ['0.00001', '0.00001'],
      ['0.000001', '1e-6'],
      ['1e16', '1e16'],
      ['1e17', '1e17'],
      ['1e15', '1000000000000000.0'],
      ['12340000000.0', '12340000000.0'],
      ['1.5e300', '1.5e300'],
      ['1.234e-7', '1.234e-7'],
      ['123456789012345678', '123456789012345678'],
      ['123456789012345678.0', '1.2345678901234568e17'],
      ['9007199254740993', '9007199254740993'],
      ['18446744073709551615', '18446744073709551615'],
      ['18446744073709551616', '1.8446744073709552e19'],
      ['-9223372036854775808', '-9223372036854775808'],
      ['-9223372036854775809', '-9.223372036854776e18'],
      ['-0', '-0.0'],
      ['-0.0', '-0.0'],
      ['0.0', '0.0'],
      ['0', '0'],
      ['1e-400', '0.0'],
    ]
    for (const [literal, text] of cases) expect(serde(literal), literal).toBe(text)
  })

  it('treats JS numbers as integers when safe integers, else as floats', () => {
    expect(stringifySerdeJson([1, -7, 1.5, 0.1 + 0.2, -0, 2 ** 60, 1e21])).toBe(
      '[1,-7,1.5,0.30000000000000004,-0.0,1.152921504606847e18,1e21]',
    )
    expect(stringifySerdeJson([18446744073709551615n, 2n ** 64n, -1n])).toBe(
      '[18446744073709551615,1.8446744073709552e19,-1]',
    )
  })

  it('refuses numbers JSON cannot hold', () => {
    expect(() => stringifySerdeJson({ a: [Number.NaN] }, 'patch')).toThrow(
      '"patch.a[0]" expected a finite number, got NaN',
    )
    expect(() => stringifySerdeJson(Number.POSITIVE_INFINITY)).toThrow('"value" expected a finite number, got Infinity')
    expect(() => stringifySerdeJson(new LosslessNumber('1e400'))).toThrow(
      '"value" is out of the f64 range (serde_json refuses it)',
    )
  })
})

describe('stringifySerdeJson strings and objects', () => {
  it('escapes only what JSON requires', () => {
    expect(stringifySerdeJson('<script>&\u2028\u2029/+é🎭')).toBe('"<script>&\u2028\u2029/+é🎭"')
    expect(stringifySerdeJson('"\\\n\r\t\b\f\u0000\u001f\u007f')).toBe('"\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f\u007f"')
    expect(quoteSerdeString('a"b')).toBe('"a\\"b"')
  })

  it('sorts keys by UTF-8 bytes at every depth', () => {
    expect(
      stringifySerdeJson({
        b: { z: 1, isPublic: 1, is_valid: true, isDefault: 0 },
        a: [{ y: 1, x: 2 }],
        '😀': 1,
        '\uE000': 2,
      }),
    ).toBe('{"a":[{"x":2,"y":1}],"b":{"isDefault":0,"isPublic":1,"is_valid":true,"z":1},"\uE000":2,"😀":1}')
  })

  it('refuses lone surrogates and values that are not JSON', () => {
    expect(() => stringifySerdeJson({ k: ['\uD83D'] }, 'patch')).toThrow(
      '"patch.k[0]" contains a lone UTF-16 surrogate, which has no UTF-8 form',
    )
    expect(() => stringifySerdeJson({ a: undefined })).toThrow('"value.a" cannot be written as JSON: undefined')
    expect(() => stringifySerdeJson(new Map())).toThrow('"value" cannot be written as JSON: object')
    expect(() => stringifySerdeJson(() => 1)).toThrow('"value" cannot be written as JSON: function')
  })

  it('re-renders parsed request text with each number as serde_json typed it', () => {
    const parsed = parseJsonPreservingNumbers(
      '{"b":[1, 1.0, 2.50, -0, 1E+2], "a": {"n": 12345678901234567890}}',
      'body',
    )
    expect(stringifySerdeJson(parsed)).toBe('{"a":{"n":12345678901234567890},"b":[1,1.0,2.5,-0.0,100.0]}')
  })
})

// Independent rendering: JSON.stringify for strings (serde escapes the same set), Buffer.compare
// for key order, and numbers from their literal through BigInt or the toExponential route.
function serdeReference(value: unknown): string {
  if (value instanceof LosslessNumber) return numberReference(value.value)
  if (Array.isArray(value)) return `[${value.map(serdeReference).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record).sort(byUtf8Bytes)
    return `{${keys.map((key) => `${JSON.stringify(key)}:${serdeReference(record[key])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function numberReference(literal: string): string {
  if (/^-?\d+$/.test(literal) && literal !== '-0') {
    const integer = BigInt(literal)
    if (integer >= -(2n ** 63n) && integer < 2n ** 64n) return integer.toString()
  }
  const value = Number(literal)
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const [mantissa = '', exponentText = ''] = Math.abs(value).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const scientific = Number(exponentText)
  const sign = value < 0 ? '-' : ''
  if (scientific >= 0 && scientific <= 15) {
    const whole = digits.padEnd(scientific + 1, '0')
    return `${sign}${whole.slice(0, scientific + 1)}.${whole.slice(scientific + 1) || '0'}`
  }
  if (scientific >= -5 && scientific < 0) return `${sign}0.${'0'.repeat(-scientific - 1)}${digits}`
  return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${scientific}`
}

// Literals whose f64 serde_json computes with a single rounding, as Number() does: integers whose
// magnitude fits a u64 (those beyond i64 or -0 become floats) and decimals with significand ≤ 2^53
// and exponent within ±22. Longer literals are pinned in serde-number.test.ts.
const numberLiteral = fc.oneof(
  fc.bigInt({ min: -(2n ** 64n - 1n), max: 2n ** 64n - 1n }).map((n) => n.toString()),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 2n ** 53n }), fc.integer({ min: -22, max: 22 }), fc.nat(), fc.boolean())
    .map(([significand, exponent, point, negative]) => {
      const digits = significand.toString()
      const at = 1 + (point % digits.length)
      const sign = negative ? '-' : ''
      if (at === digits.length) return `${sign}${digits}e${exponent}`
      const written = exponent + digits.length - at
      return `${sign}${digits.slice(0, at)}.${digits.slice(at)}${written === 0 ? '' : `e${written}`}`
    }),
)

function toPlain(value: unknown): unknown {
  if (value instanceof LosslessNumber) return Number(value.value)
  if (Array.isArray(value)) return value.map(toPlain)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item)]))
}

describe('stringifySerdeJson, generated', () => {
  // Not checked: that rendering is a fixed point. It is not for serde_json either: without
  // float_roundtrip, -1.0255561481608139e19 (17 digits) is read back one ulp away.
  it('agrees with an independent rendering on generated objects and parses back', () => {
    const leaf = fc.oneof(
      jsonString,
      fc.boolean(),
      fc.constant(null),
      numberLiteral.map((text) => new LosslessNumber(text)),
    )
    fc.assert(
      fc.property(jsonObject(leaf), (value) => {
        const text = stringifySerdeJson(value)
        expect(text).toBe(serdeReference(value))
        expect(JSON.parse(text)).toEqual(toPlain(value))
      }),
      { numRuns: 1000 },
    )
  })

  it('renders strings exactly as JSON.stringify does', () => {
    fc.assert(
      fc.property(jsonString, (text) => {
        expect(stringifySerdeJson(text)).toBe(JSON.stringify(text))
      }),
      { numRuns: 1000 },
    )
  })
})
