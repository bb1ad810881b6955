import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatRyuF64 } from './ryu-format.js'

// Independent route: toExponential() gives the shortest digits as d.ddde±N; the ryu layout is then
// chosen by the scientific exponent N (ryu's kk - 1).
function ryuViaExponential(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const sign = value < 0 ? '-' : ''
  const [mantissa = '', exponentText = ''] = Math.abs(value).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const scientific = Number(exponentText)
  if (scientific >= 0 && scientific <= 15) {
    if (digits.length <= scientific + 1) return `${sign}${digits.padEnd(scientific + 1, '0')}.0`
    return `${sign}${digits.slice(0, scientific + 1)}.${digits.slice(scientific + 1)}`
  }
  if (scientific >= -5 && scientific < 0) return `${sign}0.${'0'.repeat(-scientific - 1)}${digits}`
  return `${sign}${digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`}e${scientific}`
}

describe('formatRyuF64', () => {
  it('prints the layouts of ryu::Buffer::format_finite', () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [100, '100.0'],
      [1234e7, '12340000000.0'],
      [1.5, '1.5'],
      [123.456, '123.456'],
      [12.34, '12.34'],
      [0.001234, '0.001234'],
      [0.001, '0.001'],
      [0.00001, '0.00001'],
      [0.000001, '1e-6'],
      [1e-7, '1e-7'],
      [1.234e-7, '1.234e-7'],
      [1e15, '1000000000000000.0'],
      [1e16, '1e16'],
      [1e17, '1e17'],
      [1e21, '1e21'],
      [1e30, '1e30'],
      [1234e30, '1.234e33'],
      [1.5e300, '1.5e300'],
      [-1.5, '-1.5'],
      [0.1, '0.1'],
      [0.1 + 0.2, '0.30000000000000004'],
      [0, '0.0'],
      [-0, '-0.0'],
    ]
    for (const [value, text] of cases) expect(formatRyuF64(value)).toBe(text)
  })

  it('prints the ryu crate test vectors (tests/d2s_test.rs: each literal prints as itself)', () => {
    const literals = [
      '0.3',
      '1234000000000000.0',
      '1.234e16',
      '2.71828',
      '1.1e128',
      '1.1e-64',
      '2.718281828459045',
      '5e-324',
      '1.7976931348623157e308',
      '2.2250738585072014e-308',
      '2.9802322387695312e-8',
      '-2.109808898695963e16',
      '4.940656e-318',
      '1.18575755e-316',
      '2.989102097996e-312',
      '9060801153433600.0',
      '4.708356024711512e18',
      '9.409340012568248e18',
      '1.2345678',
      '5.764607523034235e39',
      '1.152921504606847e40',
      '2.305843009213694e40',
      '1.2345678901234567',
      '4.294967294',
      '4.294967295',
      '4.294967296',
      '1.7800590868057611e-307',
      '2.8480945388892175e-306',
      '2.446494580089078e-296',
      '4.8929891601781557e-296',
      '1.8014398509481984e16',
      '3.6028797018963964e16',
      '2.900835519859558e-216',
      '5.801671039719115e-216',
      '3.196104012172126e-27',
      '9007199254740991.0',
      '9007199254740992.0',
      '1234567890123456.0',
      '1000000000000001.0',
      '8796093022208000.0',
    ]
    for (const literal of literals) expect(formatRyuF64(Number(literal))).toBe(literal)
  })

  it('refuses non-finite numbers', () => {
    expect(() => formatRyuF64(Number.NaN)).toThrow('"value" expected a finite number, got NaN')
    expect(() => formatRyuF64(Number.POSITIVE_INFINITY)).toThrow('"value" expected a finite number, got Infinity')
  })

  it('agrees with the toExponential route and round-trips, for any finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = formatRyuF64(value)
        expect(text).toBe(ryuViaExponential(value))
        expect(Object.is(Number(text), value)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})
