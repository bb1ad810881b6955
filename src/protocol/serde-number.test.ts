import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSerdeNumber } from './serde-number.js'

describe('parseSerdeNumber', () => {
  it('keeps integer literals that fit u64 or i64 as integers', () => {
    expect(parseSerdeNumber('0', 'n')).toEqual({ kind: 'integer', digits: '0' })
    expect(parseSerdeNumber('9007199254740993', 'n')).toEqual({ kind: 'integer', digits: '9007199254740993' })
    expect(parseSerdeNumber('18446744073709551615', 'n')).toEqual({ kind: 'integer', digits: '18446744073709551615' })
    expect(parseSerdeNumber('-9223372036854775808', 'n')).toEqual({ kind: 'integer', digits: '-9223372036854775808' })
  })

  it('turns -0, integers beyond u64/i64 and every literal with . or e into f64', () => {
    expect(parseSerdeNumber('-0', 'n')).toEqual({ kind: 'float', value: -0 })
    expect(parseSerdeNumber('-9223372036854775809', 'n')).toEqual({
      kind: 'float',
      value: Number(-9223372036854775809n),
    })
    expect(parseSerdeNumber('18446744073709551616', 'n')).toEqual({
      kind: 'float',
      value: Number(18446744073709551616n),
    })
    expect(parseSerdeNumber('1.0', 'n')).toEqual({ kind: 'float', value: 1 })
    expect(parseSerdeNumber('1e2', 'n')).toEqual({ kind: 'float', value: 100 })
    expect(parseSerdeNumber('-0.0', 'n')).toEqual({ kind: 'float', value: -0 })
  })

  it('scales like serde_json without float_roundtrip: one rounding of the significand, one of the scaling', () => {
    // 90071992547409930 rounds to the double 90071992547409936 (spacing 16); divided by 10 that is
    // 9007199254740993.6, which rounds to 9007199254740994. Correct rounding gives ...992 (a tie to even).
    expect(parseSerdeNumber('9007199254740993.0', 'n')).toEqual({ kind: 'float', value: 9007199254740994 })
    expect(Number('9007199254740993.0')).toBe(9007199254740992)
    // Exponents beyond ±308 are reached by dividing by 1e308 first.
    expect(parseSerdeNumber('5e-324', 'n')).toEqual({ kind: 'float', value: 5e-324 })
    expect(parseSerdeNumber('1e-400', 'n')).toEqual({ kind: 'float', value: 0 })
    expect(parseSerdeNumber('0e99999999999', 'n')).toEqual({ kind: 'float', value: 0 })
    expect(parseSerdeNumber('-1e-99999999999', 'n')).toEqual({ kind: 'float', value: -0 })
  })

  it('keeps the first digits that fit a u64 and drops or counts the rest, as serde_json does', () => {
    // 20 nines: the 20th does not fit, so the value is 9999999999999999999 × 10.
    expect(parseSerdeNumber('99999999999999999999', 'n')).toEqual({
      kind: 'float',
      value: Number(9999999999999999999n) * 10,
    })
    // Fraction digits past the u64 are dropped without changing the exponent.
    expect(parseSerdeNumber('0.12345678901234567890123', 'n')).toEqual({
      kind: 'float',
      value: Number(12345678901234567890n) / 1e20,
    })
  })

  it('refuses what serde_json refuses and what is not a JSON number', () => {
    expect(() => parseSerdeNumber('1e400', 'patch.x')).toThrow(
      '"patch.x" is out of the f64 range (serde_json refuses it)',
    )
    expect(() => parseSerdeNumber('1e99999999999', 'n')).toThrow('"n" is out of the f64 range (serde_json refuses it)')
    expect(() => parseSerdeNumber('1.7976931348623159e308', 'n')).toThrow(
      '"n" is out of the f64 range (serde_json refuses it)',
    )
    for (const bad of ['01', '+1', '.5', '1.', '1e', 'NaN', 'Infinity', '0x10', ' 1', '']) {
      expect(() => parseSerdeNumber(bad, 'n')).toThrow(`"n" expected a JSON number literal, got "${bad}"`)
    }
    expect(() => parseSerdeNumber(1, 'n')).toThrow('"n" expected string, got number')
  })

  it('equals correct rounding (Number) whenever the significand fits 2^53 and the exponent ±22', () => {
    const literal = fc
      .record({
        significand: fc.bigInt({ min: 0n, max: 2n ** 53n }),
        exponent: fc.integer({ min: -22, max: 22 }),
        point: fc.nat(),
        negative: fc.boolean(),
        upper: fc.boolean(),
      })
      .map(({ significand, exponent, point, negative, upper }) => {
        const digits = significand.toString()
        const at = 1 + (point % digits.length)
        const written = exponent + (digits.length - at)
        const fraction = at < digits.length ? `.${digits.slice(at)}` : ''
        const exponentPart = fraction === '' || written !== 0 ? `${upper ? 'E' : 'e'}${written}` : ''
        return `${negative ? '-' : ''}${digits.slice(0, at)}${fraction}${exponentPart}`
      })
    fc.assert(
      fc.property(literal, (text) => {
        expect(parseSerdeNumber(text, 'n')).toEqual({ kind: 'float', value: Number(text) })
      }),
      { numRuns: 1000 },
    )
  })
})
