/**
 * Solana wallet signatures (§6.5): ed25519 over the raw UTF-8 bytes of `sign_payload`, with the
 * signature and the address (the 32-byte public key) written in base58.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
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

/** True when `signatureBase58` is an ed25519 signature of `message` by the Solana `address`. */
export function verifySolanaSignature(message: string, signatureBase58: unknown, address: unknown): boolean {
  const publicKey = decodeBase58(address, 'address', 32)
  const signature = decodeBase58(signatureBase58, 'wallet_signature', 64)
  try {
    return ed25519.verify(signature, new TextEncoder().encode(requireString(message, 'message')), publicKey)
  } catch {
    return false
  }
}
