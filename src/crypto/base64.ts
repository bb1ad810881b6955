/**
 * Standard padded base64 (RFC 4648 §4), as Go's `base64.StdEncoding` reads and writes it:
 * `+` and `/`, `=` padding required, no whitespace, no URL-safe alphabet.
 */
import { base64 } from '@scure/base'
import { InvalidInputError } from '../errors.js'
import { requireBytes, requireString } from '../input.js'

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export function encodeBase64(bytes: Uint8Array): string {
  return base64.encode(requireBytes(bytes, 'bytes'))
}

export function decodeBase64(value: unknown, field: string): Uint8Array {
  const text = requireString(value, field)
  if (!STANDARD_BASE64.test(text)) throw new InvalidInputError(field, 'expected standard padded base64')
  try {
    return base64.decode(text)
  } catch {
    // Non-zero padding bits: Go's lenient decoder would accept them, but we keep one text per
    // byte string, since signatures are compared and chained by their base64 text.
    throw new InvalidInputError(field, 'expected canonical base64 (non-zero padding bits)')
  }
}
