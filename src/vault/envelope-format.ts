/**
 * The stored form of a vault envelope, version 1, and its strict reader. Every defect of a stored
 * envelope (missing or extra field, wrong type, bad base64, wrong length, unknown version, edited
 * header) is a CorruptEnvelopeError, found before any key is derived.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { decodeBase64, encodeBase64 } from '../crypto/base64.js'
import { CorruptEnvelopeError, InvalidInputError } from '../errors.js'
import { requireBytes, requireInteger, requirePlainObject } from '../input.js'
import { equalBytes } from './vault-key.js'

/** Fewer PBKDF2 iterations than this on read is a downgrade, refused. */
export const MIN_PBKDF2_ITERATIONS = 100_000
/** More than this is absurd (minutes per unlock) and refused, so a bad envelope cannot hang the worker. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000
/** The largest secret a vault holds (several avatars with their phrases fit easily). */
export const MAX_SECRET_BYTES = 1_048_576

export const SALT_BYTES = 16
export const IV_BYTES = 12
const CHECK_BYTES = 32
const TAG_BYTES = 16

/** A password-encrypted secret as stored (JSON-serialisable; byte fields are standard base64). */
export type VaultEnvelope = {
  version: 1
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string }
  cipher: { name: 'AES-GCM'; iv: string }
  /** HKDF of the derived key: a wrong password is told apart from a tampered ciphertext. */
  check: string
  /** SHA-256 of the header: an edited salt, iteration count or check is corruption, not a wrong password. */
  headerHash: string
  ciphertext: string
}

/** An envelope after checking, with its byte fields decoded. */
export type ParsedEnvelope = {
  iterations: number
  salt: Uint8Array<ArrayBuffer>
  iv: Uint8Array<ArrayBuffer>
  check: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
  /** The canonical header bytes, authenticated as AES-GCM additional data. */
  header: Uint8Array<ArrayBuffer>
}

/** The header as canonical JSON: fixed key order, canonical base64, so reader and writer agree. */
export function encodeHeader(parts: Omit<ParsedEnvelope, 'ciphertext' | 'header'>): Uint8Array<ArrayBuffer> {
  const header = {
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: parts.iterations, salt: encodeBase64(parts.salt) },
    cipher: { name: 'AES-GCM', iv: encodeBase64(parts.iv) },
    check: encodeBase64(parts.check),
  }
  return new TextEncoder().encode(JSON.stringify(header))
}

/** Builds the stored object from its parts. */
export function formatEnvelope(parts: Omit<ParsedEnvelope, 'header'>): VaultEnvelope {
  return {
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: parts.iterations, salt: encodeBase64(parts.salt) },
    cipher: { name: 'AES-GCM', iv: encodeBase64(parts.iv) },
    check: encodeBase64(parts.check),
    headerHash: encodeBase64(sha256(encodeHeader(parts))),
    ciphertext: encodeBase64(parts.ciphertext),
  }
}

/** Checks a stored envelope field by field; throws CorruptEnvelopeError naming the first defect. */
export function parseEnvelope(value: unknown): ParsedEnvelope {
  try {
    return parseFields(value)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new CorruptEnvelopeError(error.message)
    throw error
  }
}

function parseFields(value: unknown): ParsedEnvelope {
  const envelope = requireFields(value, 'envelope', ['version', 'kdf', 'cipher', 'check', 'headerHash', 'ciphertext'])
  const version = requireInteger(envelope.version, 'version', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
  if (version !== 1) throw new InvalidInputError('version', `is ${version}, but this build reads only version 1`)
  const kdf = requireFields(envelope.kdf, 'kdf', ['name', 'hash', 'iterations', 'salt'])
  requireLiteral(kdf.name, 'kdf.name', 'PBKDF2')
  requireLiteral(kdf.hash, 'kdf.hash', 'SHA-256')
  const cipher = requireFields(envelope.cipher, 'cipher', ['name', 'iv'])
  requireLiteral(cipher.name, 'cipher.name', 'AES-GCM')
  const parts = {
    iterations: requireIterations(kdf.iterations),
    salt: decodeBytes(kdf.salt, 'kdf.salt', SALT_BYTES),
    iv: decodeBytes(cipher.iv, 'cipher.iv', IV_BYTES),
    check: decodeBytes(envelope.check, 'check', CHECK_BYTES),
  }
  const header = encodeHeader(parts)
  const headerHash = decodeBytes(envelope.headerHash, 'headerHash', 32)
  if (!equalBytes(sha256(header), headerHash)) {
    throw new InvalidInputError('headerHash', 'does not match the header: the envelope was edited or damaged')
  }
  const ciphertext = decodeBytes(envelope.ciphertext, 'ciphertext')
  if (ciphertext.length <= TAG_BYTES || ciphertext.length > MAX_SECRET_BYTES + TAG_BYTES) {
    throw new InvalidInputError(
      'ciphertext',
      `expected ${TAG_BYTES + 1}..${MAX_SECRET_BYTES + TAG_BYTES} bytes, got ${ciphertext.length}`,
    )
  }
  return { ...parts, ciphertext, header }
}

/** An object with exactly these fields: a missing one is named, and unknown ones are not silently kept. */
function requireFields(value: unknown, field: string, names: readonly string[]): Record<string, unknown> {
  const object = requirePlainObject(value, field)
  for (const name of names) {
    if (!Object.hasOwn(object, name)) throw new InvalidInputError(qualify(field, name), 'is missing')
  }
  const extra = Object.keys(object).find((name) => !names.includes(name))
  if (extra !== undefined) throw new InvalidInputError(qualify(field, extra.slice(0, 40)), 'is not a known field')
  return object
}

function qualify(parent: string, name: string): string {
  return parent === 'envelope' ? name : `${parent}.${name}`
}

function requireLiteral(value: unknown, field: string, expected: string): void {
  if (value !== expected) {
    const got = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value
    throw new InvalidInputError(field, `expected "${expected}", got ${got}`)
  }
}

function requireIterations(value: unknown): number {
  const iterations = requireInteger(value, 'kdf.iterations', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
  if (iterations < MIN_PBKDF2_ITERATIONS) {
    throw new InvalidInputError(
      'kdf.iterations',
      `is ${iterations}, below the minimum ${MIN_PBKDF2_ITERATIONS} (a downgrade)`,
    )
  }
  if (iterations > MAX_PBKDF2_ITERATIONS) {
    throw new InvalidInputError('kdf.iterations', `is ${iterations}, above the maximum ${MAX_PBKDF2_ITERATIONS}`)
  }
  return iterations
}

function decodeBytes(value: unknown, field: string, length?: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(decodeBase64(value, field))
  return length === undefined ? bytes : (requireBytes(bytes, field, [length]) as Uint8Array<ArrayBuffer>)
}
