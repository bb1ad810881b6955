/**
 * secp256k1 keys in every form Next.ID accepts (§3.2 of NEXTID-PROTOCOL.md): hex with or without
 * `0x`, any case, 33-byte compressed or 65-byte uncompressed. Keys are checked to lie on the curve.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { InvalidInputError } from '../errors.js'
import { requireBytes } from '../input.js'
import { toChecksumAddress } from './address.js'
import { bytesToHex, hexToBytes } from './hex.js'

/** Parses a public key given as hex text or bytes; returns the 33-byte compressed form. */
export function parsePublicKey(value: unknown, field = 'publicKey'): Uint8Array {
  return parsePoint(value, field).toBytes(true)
}

type Point = ReturnType<typeof secp256k1.Point.fromBytes>

// Decompressing a 33-byte key costs a modular square root (~60 µs in noble, as much as a fifth of
// a recovery): every helper here parses a key ONCE, not once per call layer, and the last few keys
// decoded are remembered by their compressed bytes, so the builders and checks that see one key in
// turn (a KV payload parses its avatar, compresses it and formats it uncompressed) pay it once.
const RECENT_KEYS = 64
const recentPoints = new Map<string, Point>()

/** The bytes of a §3.2 public key (hex text or bytes) with its length and prefix checked; the point itself is not. */
export function publicKeyBytes(value: unknown, field: string): Uint8Array {
  const bytes = value instanceof Uint8Array ? value : hexToBytes(value, field)
  if (bytes.length !== 33 && bytes.length !== 65) {
    throw new InvalidInputError(field, `expected 33 or 65 bytes, got ${bytes.length}`)
  }
  const prefix = bytes[0]
  if (bytes.length === 33 ? prefix !== 0x02 && prefix !== 0x03 : prefix !== 0x04) {
    throw new InvalidInputError(
      field,
      `expected prefix 02/03 (33 bytes) or 04 (65 bytes), got ${prefix?.toString(16).padStart(2, '0')}`,
    )
  }
  return bytes
}

function parsePoint(value: unknown, field: string): Point {
  const bytes = publicKeyBytes(value, field)
  const compressedHex = bytes.length === 33 ? bytesToHex(bytes) : undefined
  const known = compressedHex === undefined ? undefined : recentPoints.get(compressedHex)
  if (known) return known
  let point: Point
  try {
    point = secp256k1.Point.fromBytes(bytes)
  } catch {
    throw new InvalidInputError(field, 'is not a point on secp256k1')
  }
  // Map order is insertion order: the oldest entry goes first.
  if (recentPoints.size >= RECENT_KEYS) recentPoints.delete(recentPoints.keys().next().value as string)
  recentPoints.set(compressedHex ?? bytesToHex(point.toBytes(true)), point)
  return point
}

/** Formats a public key as `0x` + lowercase hex, compressed (ProofService) or uncompressed (KVService). */
export function formatPublicKey(publicKey: Uint8Array, options: { compressed: boolean; prefix?: boolean }): string {
  const hex = bytesToHex(parsePoint(publicKey, 'publicKey').toBytes(options.compressed))
  return options.prefix === false ? hex : `0x${hex}`
}

/** The canonical avatar id: `0x` + compressed lowercase hex, as ProofService stores it. */
export function avatarId(publicKey: unknown, field = 'publicKey'): string {
  return `0x${bytesToHex(parsePoint(publicKey, field).toBytes(true))}`
}

/** Parses a 32-byte secret key (hex or bytes) that is a valid secp256k1 scalar. */
export function parsePrivateKey(value: unknown, field = 'privateKey'): Uint8Array {
  const bytes = value instanceof Uint8Array ? requireBytes(value, field, [32]) : hexToBytes(value, field)
  if (bytes.length !== 32) throw new InvalidInputError(field, `expected 32 bytes, got ${bytes.length}`)
  if (!secp256k1.utils.isValidSecretKey(bytes))
    throw new InvalidInputError(field, 'is not a valid secp256k1 secret key')
  return bytes
}

/** The compressed public key of a secret key. */
export function getPublicKey(privateKey: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(parsePrivateKey(privateKey), true)
}

/** The Ethereum address of a public key, `0x` + 40 lowercase hex digits. */
export function addressOf(publicKey: Uint8Array): string {
  const uncompressed = parsePoint(publicKey, 'publicKey').toBytes(false)
  return `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`
}

/**
 * The EIP-55 Ethereum address of an avatar (`0x` + compressed key): every secp256k1 key is also an
 * Ethereum account, and what the avatar signs with personal_sign is signed by that account.
 */
export function avatarAddress(avatar: unknown): string {
  return toChecksumAddress(addressOf(parsePublicKey(avatar, 'avatar')))
}
