/** Strict hex: even length, only 0-9a-f in any case, an optional `0x`/`0X` prefix. */
import { InvalidInputError } from '../errors.js'
import { requireBytes, requireString } from '../input.js'

const HEX = /^[0-9a-fA-F]*$/

export function hexToBytes(value: unknown, field: string): Uint8Array {
  const text = requireString(value, field)
  const digits = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text
  if (!HEX.test(digits)) throw new InvalidInputError(field, 'expected hex digits (0-9, a-f)')
  if (digits.length % 2 !== 0)
    throw new InvalidInputError(field, `expected an even number of hex digits, got ${digits.length}`)
  const bytes = new Uint8Array(digits.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/** Lowercase hex without a prefix. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of requireBytes(bytes, 'bytes')) out += byte.toString(16).padStart(2, '0')
  return out
}
