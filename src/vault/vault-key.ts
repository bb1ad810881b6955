/**
 * The key that opens a vault envelope: 32 bytes of PBKDF2-SHA256 output for one envelope's salt and
 * iteration count. The background keeps it (never the password) in chrome.storage.session, which
 * stores JSON only, so it can be exported as raw bytes and imported again after a worker restart.
 */
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { InvalidInputError } from '../errors.js'
import { describeValue, requireBytes, requireNonEmptyString } from '../input.js'

const KEY_BYTES = 32
const materials = new WeakMap<VaultKey, Uint8Array>()

/** A derived vault key; opaque so that it is never logged or stored by accident (see exportVaultKey). */
export class VaultKey {
  /** Refuses JSON.stringify: a silent `{}` in session storage would lock the user out later. */
  toJSON(): never {
    throw new InvalidInputError('vaultKey', 'cannot be serialised as JSON; store exportVaultKey(key) instead')
  }
}

function createVaultKey(material: Uint8Array): VaultKey {
  const key = new VaultKey()
  materials.set(key, material)
  return key
}

function materialOf(key: unknown): Uint8Array {
  const material = key instanceof VaultKey ? materials.get(key) : undefined
  if (!material) {
    const got = key instanceof VaultKey ? 'a forgotten VaultKey' : describeValue(key)
    throw new InvalidInputError('vaultKey', `expected a VaultKey, got ${got}`)
  }
  return material
}

/** The raw 32 key bytes, for chrome.storage.session; treat them like the password. */
export function exportVaultKey(key: VaultKey): Uint8Array {
  return materialOf(key).slice()
}

/** Rebuilds a key from exportVaultKey's bytes (a copy is kept: the caller may zero its array). */
export function importVaultKey(bytes: Uint8Array): VaultKey {
  return createVaultKey(requireBytes(bytes, 'vaultKey', [KEY_BYTES]).slice())
}

/** Zeroes the key's bytes and makes it unusable (on lock). */
export function forgetVaultKey(key: VaultKey): void {
  materialOf(key).fill(0)
  materials.delete(key)
}

/**
 * The password as PBKDF2 input. NFKC first, so that the same password typed through another
 * keyboard, OS or IME (precomposed vs combining accents, full-width digits) still unlocks.
 */
export function encodePassword(password: unknown): Uint8Array<ArrayBuffer> {
  const text = requireNonEmptyString(password, 'password')
  // TextEncoder turns every lone surrogate into U+FFFD, so distinct passwords would collide.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    throw new InvalidInputError('password', 'contains an unpaired UTF-16 surrogate')
  }
  return new TextEncoder().encode(text.normalize('NFKC'))
}

/** PBKDF2-SHA256 of encodePassword's bytes through WebCrypto (native speed in every runtime). */
export async function derivePasswordKey(
  passwordBytes: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<VaultKey> {
  const base = await crypto.subtle.importKey('raw', passwordBytes, 'PBKDF2', false, ['deriveBits'])
  // One 32-byte block only: PBKDF2 computes each extra block at full cost for us, but an attacker
  // testing guesses needs just one of them. The AES key and the key check are split off by HKDF.
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', salt, iterations, hash: 'SHA-256' },
    base,
    KEY_BYTES * 8,
  )
  return createVaultKey(new Uint8Array(bits))
}

const encoder = new TextEncoder()
const AES_INFO = encoder.encode('nextid-companion vault v1 aes-256-gcm key')
const CHECK_INFO = encoder.encode('nextid-companion vault v1 key check')

/**
 * The key check stored in the envelope: tells a wrong password (check differs) from tampering
 * (check matches, AES-GCM fails). One-way and independent of the AES key, through HKDF.
 */
export function keyCheckOf(key: VaultKey): Uint8Array<ArrayBuffer> {
  return new Uint8Array(hkdf(sha256, materialOf(key), undefined, CHECK_INFO, KEY_BYTES))
}

/** The AES-256-GCM key as a non-extractable CryptoKey; the intermediate bytes are zeroed. */
export async function aesKeyOf(key: VaultKey, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const aesBytes = new Uint8Array(hkdf(sha256, materialOf(key), undefined, AES_INFO, KEY_BYTES))
  const aesKey = crypto.subtle.importKey('raw', aesBytes, { name: 'AES-GCM' }, false, [usage])
  aesBytes.fill(0)
  return aesKey
}

/** Compares in time independent of where the arrays differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0)
  return difference === 0
}
