/**
 * f64 formatting of the `ryu` crate (`Buffer::format_finite`), which serde_json uses for every
 * float (§3.6): shortest round-trip digits, and a float always looks like one (`1.0`, `1e21`).
 */
import { InvalidInputError } from '../errors.js'

/** Formats a finite number exactly as ryu's `format_finite` does: `1.0`, `0.001`, `1e21`, `1.5e-7`. */
export function formatRyuF64(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError('value', `expected a finite number, got ${String(value)}`)
  }
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  if (value === 0) return `${sign}0.0`
  const { digits, exponent } = shortestDigits(Math.abs(value))
  const length = digits.length
  // value = digits × 10^exponent, and 10^(scale-1) <= value < 10^scale.
  const scale = length + exponent
  if (exponent >= 0 && scale <= 16) return `${sign}${digits}${'0'.repeat(exponent)}.0`
  if (scale > 0 && scale <= 16) return `${sign}${digits.slice(0, scale)}.${digits.slice(scale)}`
  if (scale > -5 && scale <= 0) return `${sign}0.${'0'.repeat(-scale)}${digits}`
  const mantissa = length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`
  return `${sign}${mantissa}e${scale - 1}`
}

// Number#toString gives the shortest digits that round-trip, choosing the closest on a tie, which
// is what Ryu computes; only its layout differs, so the digits are taken out of it.
function shortestDigits(value: number): { digits: string; exponent: number } {
  const [mantissa = '', exponentText = '0'] = String(value).split('e')
  const point = mantissa.indexOf('.')
  const fractionLength = point === -1 ? 0 : mantissa.length - point - 1
  const allDigits = mantissa.replace('.', '').replace(/^0+/, '')
  const digits = allDigits.replace(/0+$/, '')
  return { digits, exponent: Number(exponentText) - fractionLength + (allDigits.length - digits.length) }
}
