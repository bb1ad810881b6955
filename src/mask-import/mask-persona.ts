/**
 * One persona key as Mask stored it (a secp256k1 JWK, mask-vectors FORMATS.md, section 2–3), checked and turned into the
 * avatar it stands for: `d` gives the key; `x`/`y` and the `ec_key:secp256k1/…` identifier, where the
 * record has them, must be that key's public key, or the record is refused.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { base64, base64urlnopad } from '@scure/base'
import { bytesToHex } from '../crypto/hex.js'
import { parsePrivateKey } from '../crypto/keys.js'
import { MaskImportError } from './mask-import-error.js'

/** A persona found in what the user gave: its Mask nickname and its avatar key pair. */
export type MaskPersona = {
  /** Mask's nickname, or undefined where the format has none (a phrase, a key string). */
  nickname: string | undefined
  privateKey: Uint8Array
  /** 33-byte compressed: the avatar (ProofService's `0x02…`/`0x03…`). */
  publicKey: Uint8Array
  /** Set when the key came from words: kept so the avatar can show its phrase later. */
  phrase?: { words: string; passphrase: string }
  /** The record says its phrase was made with a BIP-39 passphrase: the words alone give another key. */
  phraseHadPassphrase?: boolean
}

/** What a record says about its public key, each part optional. */
export type StatedPublicKey = { jwk?: unknown; identifier?: unknown; compressed?: Uint8Array }

/** A persona from its private JWK (or bare `d`), checked against everything the record states. */
export function personaFromJwk(privateJwk: unknown, nickname: unknown, stated: StatedPublicKey = {}): MaskPersona {
  const jwk = asRecord(privateJwk)
  const d = typeof jwk?.d === 'string' ? decodeBase64Url(jwk.d, 'd') : undefined
  if (!d) throw new MaskImportError('unrecognised', 'the private key has no "d"')
  return personaFromPrivateKey(leftPad32(d), nickname, { jwk: privateJwk, ...stated })
}

/** A persona from a 32-byte key, checked against the stated public key. */
export function personaFromPrivateKey(key: Uint8Array, nickname: unknown, stated: StatedPublicKey): MaskPersona {
  let privateKey: Uint8Array
  try {
    privateKey = parsePrivateKey(key, 'd')
  } catch {
    throw new MaskImportError('unrecognised', '"d" is not a secp256k1 private key')
  }
  const point = secp256k1.Point.fromBytes(secp256k1.getPublicKey(privateKey, true))
  const publicKey = point.toBytes(true)
  const uncompressed = point.toBytes(false)
  for (const [statedKey, label] of statedKeys(stated)) {
    const matches = statedKey.length === 33 ? same(statedKey, publicKey) : same(statedKey, uncompressed)
    if (!matches) throw new MaskImportError('key-mismatch', `the ${label} is not the key's public key`)
  }
  return { nickname: cleanNickname(nickname), privateKey, publicKey }
}

/** Every public key the record states, as bytes (compressed or 04‖x‖y), with where it came from. */
function statedKeys(stated: StatedPublicKey): [Uint8Array, string][] {
  const keys: [Uint8Array, string][] = []
  const jwk = asRecord(stated.jwk)
  if (typeof jwk?.x === 'string' && typeof jwk.y === 'string') {
    const x = leftPad32(decodeBase64Url(jwk.x, 'x'))
    const y = leftPad32(decodeBase64Url(jwk.y, 'y'))
    keys.push([Uint8Array.of(4, ...x, ...y), 'JWK x/y'])
  }
  if (stated.identifier !== undefined && stated.identifier !== null) {
    keys.push([decodeIdentifier(stated.identifier), 'identifier'])
  }
  if (stated.compressed) keys.push([stated.compressed, 'public key'])
  return keys
}

const IDENTIFIER_PREFIX = 'ec_key:secp256k1/'

/** Mask's persona identifier: std base64 of the compressed key, `/` written as `|` (mask-vectors FORMATS.md, section 2). */
export function decodeIdentifier(identifier: unknown): Uint8Array {
  if (typeof identifier !== 'string' || !identifier.startsWith(IDENTIFIER_PREFIX)) {
    throw new MaskImportError('unrecognised', 'the persona identifier is not ec_key:secp256k1/…')
  }
  return decodeStandardBase64(identifier.slice(IDENTIFIER_PREFIX.length).replaceAll('|', '/'), 'identifier')
}

/** Std base64 (`+/`, padded), as Mask's btoa wrote it. */
export function decodeStandardBase64(text: string, field: string): Uint8Array {
  try {
    return base64.decode(text)
  } catch {
    throw new MaskImportError('unrecognised', `"${field}" is not base64`)
  }
}

function decodeBase64Url(text: string, field: string): Uint8Array {
  try {
    return base64urlnopad.decode(text.replace(/=+$/, ''))
  } catch {
    throw new MaskImportError('unrecognised', `"${field}" is not base64url`)
  }
}

// JWK coordinates are fixed-length, but a writer that drops leading zero bytes still means the same number.
function leftPad32(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 32) return bytes
  const padded = new Uint8Array(32)
  padded.set(bytes, 32 - bytes.length)
  return padded
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return bytesToHex(a) === bytesToHex(b)
}

function cleanNickname(nickname: unknown): string | undefined {
  if (typeof nickname !== 'string') return undefined
  const text = nickname.trim()
  return text === '' ? undefined : text
}

/** The value as a plain record, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
    ? (value as Record<string, unknown>)
    : undefined
}
