/**
 * Solana wallet signatures (§6.5): ed25519 over the raw UTF-8 bytes of `sign_payload`, with the
 * signature and the address (the 32-byte public key) written in base58.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { requireString } from '../input.js'
import { decodeBase58 } from './base58.js'

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
