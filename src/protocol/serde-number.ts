/**
 * How serde_json (default features, as KVService builds it, §3.6) reads a JSON number literal
 * into a `serde_json::Value`: an integer stays an integer (u64 or i64), anything else becomes an
 * f64. The f64 is computed the way serde_json does without its `float_roundtrip` feature: the
 * first digits that fit a u64 are kept as the significand and scaled by one power of ten. For up
 * to 15 significant digits and exponents within ±22 this is the correctly rounded value that
 * `Number()` gives; beyond that serde_json can land one ulp away, and that is the value it signs.
 */
import { InvalidInputError } from '../errors.js'
import { requireString } from '../input.js'

/** A number as serde_json holds it: integer digits, or an f64. */
export type SerdeNumber = { kind: 'integer'; digits: string } | { kind: 'float'; value: number }

const JSON_NUMBER = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?)(\d+))?$/
const U64_MAX = 18446744073709551615n
const I64_MIN_MAGNITUDE = 9223372036854775808n
const I32_MAX = 2147483647

/** Reads a JSON number literal as serde_json does (`1` integer, `1.0` float, `-0` float). */
export function parseSerdeNumber(literal: unknown, field: string): SerdeNumber {
  const text = requireString(literal, field)
  const match = JSON_NUMBER.exec(text)
  if (!match) throw new InvalidInputError(field, `expected a JSON number literal, got "${text.slice(0, 40)}"`)
  const [, minus = '', integerDigits = '', fractionDigits, exponentSign = '', exponentDigits] = match
  const positive = minus === ''
  const integer = accumulate(0n, integerDigits, true)
  if (fractionDigits === undefined && exponentDigits === undefined && integer.skipped === 0) {
    return integerOrFloat(positive, integer.significand)
  }
  let { significand, exponent } = { significand: integer.significand, exponent: integer.skipped }
  if (fractionDigits !== undefined) {
    const fraction = accumulate(significand, fractionDigits, false)
    significand = fraction.significand
    exponent -= fraction.taken
  }
  if (exponentDigits !== undefined) {
    const written = Number(exponentDigits)
    if (written > I32_MAX)
      return { kind: 'float', value: exponentOverflow(positive, significand, exponentSign !== '-', field) }
    exponent += exponentSign === '-' ? -written : written
  }
  return { kind: 'float', value: scaleToF64(positive, significand, exponent, field) }
}

// Digits are taken while the significand fits a u64. In the integer part each digit left over
// raises the exponent; in the fraction, digits left over are dropped (serde_json's overflow paths).
function accumulate(start: bigint, digits: string, isInteger: boolean) {
  let significand = start
  let taken = 0
  for (const digit of digits) {
    const next = significand * 10n + BigInt(digit)
    if (next > U64_MAX) break
    significand = next
    taken++
  }
  return { significand, taken, skipped: isInteger ? digits.length - taken : 0 }
}

function integerOrFloat(positive: boolean, magnitude: bigint): SerdeNumber {
  if (positive) return { kind: 'integer', digits: magnitude.toString() }
  // serde_json turns `-0` and negatives below i64::MIN into floats.
  if (magnitude === 0n || magnitude > I64_MIN_MAGNITUDE) return { kind: 'float', value: -Number(magnitude) }
  return { kind: 'integer', digits: `-${magnitude}` }
}

function exponentOverflow(positive: boolean, significand: bigint, positiveExponent: boolean, field: string): number {
  if (significand !== 0n && positiveExponent) throw outOfRange(field)
  return positive ? 0 : -0
}

// serde_json's f64_from_parts: one rounding to f64, then one multiplication or division by an
// exactly written power of ten (1e0..1e308), dividing by 1e308 first while the exponent is lower.
function scaleToF64(positive: boolean, significand: bigint, exponent: number, field: string): number {
  let value = Number(significand)
  let remaining = exponent
  while (Math.abs(remaining) > 308) {
    if (value === 0) break
    if (remaining > 0) throw outOfRange(field)
    value /= 1e308
    remaining += 308
  }
  if (Math.abs(remaining) <= 308) {
    const power = Number(`1e${Math.abs(remaining)}`)
    value = remaining >= 0 ? value * power : value / power
  }
  if (!Number.isFinite(value)) throw outOfRange(field)
  return positive ? value : -value
}

function outOfRange(field: string): InvalidInputError {
  return new InvalidInputError(field, 'is out of the f64 range (serde_json refuses it)')
}
