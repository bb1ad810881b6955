/** Base58 text (the Bitcoin alphabet) as Solana writes addresses and signatures (§6.5). */
import { base58 } from '@scure/base'
import { InvalidInputError } from '../errors.js'
import { requireBytes, requireString } from '../input.js'

export function encodeBase58(bytes: Uint8Array): string {
  return base58.encode(requireBytes(bytes, 'bytes'))
}

export function decodeBase58(value: unknown, field: string, length?: number): Uint8Array {
  const text = requireString(value, field)
  if (text.length === 0) throw new InvalidInputError(field, 'expected base58, got an empty string')
  let bytes: Uint8Array
  try {
    bytes = base58.decode(text)
  } catch {
    throw new InvalidInputError(field, 'expected base58 (Bitcoin alphabet)')
  }
  if (length !== undefined && bytes.length !== length) {
    throw new InvalidInputError(field, `expected ${length} bytes, got ${bytes.length}`)
  }
  return bytes
}
