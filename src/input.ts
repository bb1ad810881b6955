/**
 * Guards for values that cross into the core from outside (messages, HTTP bodies, storage).
 * Each throws InvalidInputError naming the field, in one message shape:
 * `"publicKey" expected 33 or 65 bytes, got 31`.
 */
import { InvalidInputError } from './errors.js'

/** Describes a value for an error message without echoing large or secret content. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`
  if (typeof value === 'string') return `string of length ${value.length}`
  return typeof value
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidInputError(field, `expected string, got ${describeValue(value)}`)
  return value
}

export function requireNonEmptyString(value: unknown, field: string): string {
  const text = requireString(value, field)
  if (text.length === 0) throw new InvalidInputError(field, 'expected a non-empty string')
  return text
}

export function requireBytes(value: unknown, field: string, lengths?: readonly number[]): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidInputError(field, `expected Uint8Array, got ${describeValue(value)}`)
  }
  if (lengths && !lengths.includes(value.length)) {
    throw new InvalidInputError(field, `expected ${lengths.join(' or ')} bytes, got ${value.length}`)
  }
  return value
}

export function requireInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidInputError(field, `expected an integer, got ${describeValue(value)}`)
  }
  if (value < min || value > max) throw new InvalidInputError(field, `expected ${min}..${max}, got ${value}`)
  return value
}

export function requirePlainObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new InvalidInputError(field, `expected an object, got ${describeValue(value)}`)
  }
  return value as Record<string, unknown>
}

export function requireOneOf<const T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  const text = requireString(value, field)
  if (!(allowed as readonly string[]).includes(text)) {
    throw new InvalidInputError(field, `expected one of ${allowed.join(', ')}, got "${text.slice(0, 40)}"`)
  }
  return text as T
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A UUID in canonical 8-4-4-4-12 form, returned lowercase as Next.ID prints it into payloads. */
export function parseUuid(value: unknown, field = 'uuid'): string {
  const text = requireString(value, field)
  if (!UUID.test(text)) throw new InvalidInputError(field, 'expected a UUID like 8-4-4-4-12 hex digits')
  return text.toLowerCase()
}

/** ProofService's `created_at`: a string of base-10 unix seconds (Go parses it as int64). */
export function parseUnixSecondsString(value: unknown, field = 'created_at'): string {
  const text = requireString(value, field)
  if (!/^[+-]?\d{1,19}$/.test(text)) throw new InvalidInputError(field, 'expected decimal unix seconds as a string')
  const parsed = BigInt(text)
  if (parsed > 9223372036854775807n || parsed < -9223372036854775808n) {
    throw new InvalidInputError(field, 'expected a 64-bit integer')
  }
  // Go's strconv.FormatInt prints the canonical form, which is what goes into the payload.
  return parsed.toString()
}
