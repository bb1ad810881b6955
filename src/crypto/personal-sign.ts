/**
 * EIP-191 `personal_sign` (version 0x45), the signature scheme of ProofService and KVService
 * (§3.4): keccak256("\x19Ethereum Signed Message:\n" + byte length + message), secp256k1 ECDSA,
 * 65 bytes r || s || v.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { InvalidInputError } from '../errors.js'
import { requireBytes, requireString } from '../input.js'
import { addressOf, parsePrivateKey, parsePublicKey } from './keys.js'

const encoder = new TextEncoder()

/** The EIP-191 digest of a message; the length in the prefix counts UTF-8 bytes, not UTF-16 units. */
export function hashPersonalMessage(message: string | Uint8Array): Uint8Array {
  const bytes = typeof message === 'string' ? encoder.encode(message) : requireBytes(message, 'message')
  const prefix = encoder.encode(`\x19Ethereum Signed Message:\n${bytes.length}`)
  const data = new Uint8Array(prefix.length + bytes.length)
  data.set(prefix)
  data.set(bytes, prefix.length)
  return keccak_256(data)
}

/**
 * Signs a message as a wallet's personal_sign does: RFC 6979 deterministic, low-S, and
 * v = 27 + recovery id (the form MetaMask returns; both services accept it).
 */
export function signPersonalMessage(message: string, privateKey: Uint8Array): Uint8Array {
  requireString(message, 'message')
  const digest = hashPersonalMessage(message)
  const recovered = secp256k1.sign(digest, parsePrivateKey(privateKey), { prehash: false, format: 'recovered' })
  // noble's 'recovered' format is recovery || r || s; Ethereum's is r || s || v.
  const signature = new Uint8Array(65)
  signature.set(recovered.subarray(1), 0)
  signature[64] = 27 + (recovered[0] as number)
  return signature
}

/** The recovery id (0 or 1) of a 65-byte signature whose v is 0, 1, 27 or 28; anything else is refused. */
export function recoveryIdOf(signature: unknown, field = 'signature'): 0 | 1 {
  const bytes = requireBytes(signature, field, [65])
  const v = bytes[64] as number
  if (v === 0 || v === 27) return 0
  if (v === 1 || v === 28) return 1
  throw new InvalidInputError(field, `expected recovery byte v of 0, 1, 27 or 28, got ${v}`)
}

/** Recovers the compressed public key that signed `message` with personal_sign. */
export function recoverPersonalSigner(
  message: string | Uint8Array,
  signature: unknown,
  field = 'signature',
): Uint8Array {
  const recoveryId = recoveryIdOf(signature, field)
  const bytes = signature as Uint8Array
  const recovered = new Uint8Array(65)
  recovered[0] = recoveryId
  recovered.set(bytes.subarray(0, 64), 1)
  try {
    return secp256k1.recoverPublicKey(recovered, hashPersonalMessage(message), { prehash: false })
  } catch {
    throw new InvalidInputError(field, 'does not recover to a public key (r or s out of range)')
  }
}

/**
 * True when `signature` is a personal_sign of `message` by `publicKey`. Compares Ethereum
 * addresses, as ProofService does; a signature that recovers to nothing is simply not valid.
 */
export function verifyPersonalSignature(message: string | Uint8Array, signature: unknown, publicKey: unknown): boolean {
  const expected = parsePublicKey(publicKey)
  recoveryIdOf(signature)
  try {
    return addressOf(recoverPersonalSigner(message, signature)) === addressOf(expected)
  } catch (error) {
    if (error instanceof InvalidInputError && error.field === 'signature') return false
    throw error
  }
}

/** True when `signature` is a personal_sign of `message` by the wallet at `address`. */
export function verifyWalletSignature(message: string | Uint8Array, signature: unknown, address: string): boolean {
  recoveryIdOf(signature)
  try {
    return addressOf(recoverPersonalSigner(message, signature)) === address.toLowerCase()
  } catch (error) {
    if (error instanceof InvalidInputError && error.field === 'signature') return false
    throw error
  }
}
