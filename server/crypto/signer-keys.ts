/**
 * The server's secp256k1 key handling on its hot path, the same answers as src/crypto's
 * avatarId / recoverPersonalSigner / verifyPersonalSignature (property-tested against them) but
 * computed with the process's backend (native libsecp256k1 when it loads) and without public-key
 * decompression: every key is decoded ONCE into both forms, a recovered key arrives uncompressed
 * (the address hashes its 64 coordinate bytes) and is compressed by the parity of y, never by a
 * modular square root. Each request parses its keys once and passes the SignerKey on.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { hashPersonalMessage, publicKeyBytes, recoveryIdOf } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { type Secp256k1Backend, secp256k1Backend } from './secp256k1-backend.js'

/** A public key in the forms the server needs, each computed once. */
export type SignerKey = {
  /** 33 bytes, 02/03 + x. */
  compressed: Uint8Array
  /** 65 bytes, 04 + x + y: src/protocol's builders accept it without a square root. */
  uncompressed: Uint8Array
  /** `0x` + compressed lowercase hex: the avatar id (§3.2). */
  id: string
}

/** Parses a key in any §3.2 form (hex text or bytes) with avatarId's checks and messages. */
export function parseSignerKey(
  value: unknown,
  field = 'publicKey',
  backend: Secp256k1Backend = secp256k1Backend,
): SignerKey {
  const bytes = publicKeyBytes(value, field)
  const uncompressed = backend.decode(bytes)
  if (uncompressed === null) throw new InvalidInputError(field, 'is not a point on secp256k1')
  return fromUncompressed(uncompressed)
}

/**
 * The key that personal_signed `message` (EIP-191) with the 65-byte r‖s‖v `signature`; v of 0, 1,
 * 27 or 28. Throws InvalidInputError(field) as recoverPersonalSigner does when none recovers.
 */
export function recoverSigner(
  message: string | Uint8Array,
  signature: unknown,
  field = 'signature',
  backend: Secp256k1Backend = secp256k1Backend,
): SignerKey {
  const recoveryId = recoveryIdOf(signature, field)
  const bytes = signature as Uint8Array
  const uncompressed = backend.recover(bytes.subarray(0, 64), recoveryId, digestOf(message))
  if (uncompressed === null)
    throw new InvalidInputError(field, 'does not recover to a public key (r or s out of range)')
  return fromUncompressed(uncompressed)
}

/** The Ethereum address of a key, `0x` + 40 lowercase hex digits: keccak of x‖y, no decompression. */
export function addressOfSigner(key: SignerKey): string {
  return `0x${toHex(keccak_256(key.uncompressed.subarray(1)).subarray(12))}`
}

/** The address that personal_signed `message`, as src/crypto's addressOf(recoverPersonalSigner(…)). */
export function recoverSignerAddress(message: string | Uint8Array, signature: unknown, field = 'signature'): string {
  return addressOfSigner(recoverSigner(message, signature, field))
}

/**
 * True when `signature` is `key`'s personal_sign of `message` (verifyPersonalSignature's answer:
 * the same key is the same address). A v other than 0/1/27/28 throws, a signature that recovers
 * to nothing is simply not valid.
 */
export function isSignedBy(message: string | Uint8Array, signature: unknown, key: SignerKey): boolean {
  const recoveryId = recoveryIdOf(signature)
  const recovered = secp256k1Backend.recover((signature as Uint8Array).subarray(0, 64), recoveryId, digestOf(message))
  // Both uncompressed (04 ‖ x ‖ y): equal keys are equal bytes.
  return recovered !== null && sameBytes(recovered, key.uncompressed)
}

// A binding's two signatures (avatar and wallet) are over the same payload: hash it once. Other
// requests' checks interleave at every await, so a few recent payloads are remembered, not one.
// Only short ones: the map keeps its keys alive, and a KV payload can carry a patch of up to the
// body limit (64 of those would pin 64 MB); proof payloads are well under the limit.
const RECENT_DIGESTS = 64
const MAX_CACHED_MESSAGE_LENGTH = 4096
const recentDigests = new Map<string, Uint8Array>()

function digestOf(message: string | Uint8Array): Uint8Array {
  if (typeof message !== 'string' || message.length > MAX_CACHED_MESSAGE_LENGTH) return hashPersonalMessage(message)
  let digest = recentDigests.get(message)
  if (digest === undefined) {
    digest = hashPersonalMessage(message)
    if (recentDigests.size >= RECENT_DIGESTS) recentDigests.delete(recentDigests.keys().next().value as string)
    recentDigests.set(message, digest)
  }
  return digest
}

function fromUncompressed(uncompressed: Uint8Array): SignerKey {
  const compressed = new Uint8Array(33)
  // y's parity picks 02 (even) or 03 (odd); x is copied as it is.
  compressed[0] = 0x02 | ((uncompressed[64] as number) & 1)
  compressed.set(uncompressed.subarray(1, 33), 1)
  return { compressed, uncompressed, id: `0x${toHex(compressed)}` }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

// Node's hex encoder: src's bytesToHex builds the string a byte at a time, ~30× slower per key.
function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
