/**
 * Password envelopes for the avatar secrets (PRODUCT.md, "avatar key encrypted at rest"):
 * PBKDF2-SHA256 → HKDF → AES-256-GCM through WebCrypto, a key check that tells a wrong password
 * from tampering, and an upgrade on unlock when the stored iteration count is below the default.
 */
import { CorruptEnvelopeError, InvalidInputError, WrongPasswordError } from '../errors.js'
import { requireBytes, requireInteger, requirePlainObject } from '../input.js'
import {
  encodeHeader,
  formatEnvelope,
  IV_BYTES,
  MAX_PBKDF2_ITERATIONS,
  MAX_SECRET_BYTES,
  MIN_PBKDF2_ITERATIONS,
  type ParsedEnvelope,
  parseEnvelope,
  SALT_BYTES,
  type VaultEnvelope,
} from './envelope-format.js'
import {
  aesKeyOf,
  derivePasswordKey,
  encodePassword,
  equalBytes,
  forgetVaultKey,
  keyCheckOf,
  type VaultKey,
} from './vault-key.js'

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256, as MetaMask's vault uses. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000

/** `iterations`: the PBKDF2 count to seal with (and, on open, to upgrade to). */
export type VaultOptions = { iterations?: number }

/** An opened envelope; `key` opens `upgraded` when present (store it), else the envelope given. */
export type OpenedSecret = { secret: Uint8Array; key: VaultKey; upgraded?: VaultEnvelope }

/** Encrypts a secret under a password into a new envelope (fresh random salt and IV). */
export async function sealSecret(secret: Uint8Array, password: string, options?: VaultOptions): Promise<VaultEnvelope> {
  const plain = requireSecret(secret)
  const iterations = readIterations(options)
  const passwordBytes = encodePassword(password)
  try {
    const { envelope, key } = await sealFresh(plain, passwordBytes, iterations)
    forgetVaultKey(key)
    return envelope
  } finally {
    passwordBytes.fill(0)
    plain.fill(0)
  }
}

/** Opens an envelope with its password; re-seals it as `upgraded` when below the target iteration count. */
export async function openSecret(envelope: unknown, password: string, options?: VaultOptions): Promise<OpenedSecret> {
  const target = readIterations(options)
  const passwordBytes = encodePassword(password)
  try {
    const parsed = parseEnvelope(envelope)
    const key = await unlock(parsed, passwordBytes)
    const secret = await decrypt(parsed, key)
    if (parsed.iterations >= target) return { secret, key }
    forgetVaultKey(key)
    const upgrade = await sealFresh(secret, passwordBytes, target)
    return { secret, key: upgrade.key, upgraded: upgrade.envelope }
  } finally {
    passwordBytes.fill(0)
  }
}

/** Derives the key of an envelope from its password (WrongPasswordError if it does not match). */
export async function deriveVaultKey(password: string, envelope: unknown): Promise<VaultKey> {
  const passwordBytes = encodePassword(password)
  try {
    return await unlock(parseEnvelope(envelope), passwordBytes)
  } finally {
    passwordBytes.fill(0)
  }
}

/** Opens an envelope with a derived key (after a service-worker restart, no password needed). */
export async function openSecretWithKey(envelope: unknown, key: VaultKey): Promise<Uint8Array> {
  const parsed = parseEnvelope(envelope)
  requireMatchingKey(parsed, key)
  return decrypt(parsed, key)
}

/** Seals a new secret under the same key, salt and iteration count as an envelope (fresh IV). */
export async function resealSecretWithKey(
  secret: Uint8Array,
  envelope: unknown,
  key: VaultKey,
): Promise<VaultEnvelope> {
  const plain = requireSecret(secret)
  try {
    const parsed = parseEnvelope(envelope)
    requireMatchingKey(parsed, key)
    return await encrypt(plain, key, parsed.salt, parsed.iterations)
  } finally {
    plain.fill(0)
  }
}

async function sealFresh(secret: Uint8Array<ArrayBuffer>, passwordBytes: Uint8Array<ArrayBuffer>, iterations: number) {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const key = await derivePasswordKey(passwordBytes, salt, iterations)
  return { envelope: await encrypt(secret, key, salt, iterations), key }
}

async function unlock(parsed: ParsedEnvelope, passwordBytes: Uint8Array<ArrayBuffer>): Promise<VaultKey> {
  const key = await derivePasswordKey(passwordBytes, parsed.salt, parsed.iterations)
  if (equalBytes(keyCheckOf(key), parsed.check)) return key
  forgetVaultKey(key)
  throw new WrongPasswordError()
}

function requireMatchingKey(parsed: ParsedEnvelope, key: VaultKey): void {
  // A key from another password, or from this envelope before it was upgraded, has another check.
  if (!equalBytes(keyCheckOf(key), parsed.check)) throw new WrongPasswordError()
}

async function encrypt(
  secret: Uint8Array<ArrayBuffer>,
  key: VaultKey,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<VaultEnvelope> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const check = keyCheckOf(key)
  const additionalData = encodeHeader({ iterations, salt, iv, check })
  const aesKey = await aesKeyOf(key, 'encrypt')
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, aesKey, secret)
  return formatEnvelope({ iterations, salt, iv, check, ciphertext: new Uint8Array(sealed) })
}

async function decrypt(parsed: ParsedEnvelope, key: VaultKey): Promise<Uint8Array<ArrayBuffer>> {
  const aesKey = await aesKeyOf(key, 'decrypt')
  try {
    const { iv, header: additionalData, ciphertext } = parsed
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, aesKey, ciphertext))
  } catch {
    // The key check matched, so the password is right: the ciphertext, IV or tag were altered.
    throw new CorruptEnvelopeError('the ciphertext failed authentication (edited or truncated)')
  }
}

function requireSecret(secret: unknown): Uint8Array<ArrayBuffer> {
  const bytes = requireBytes(secret, 'secret')
  if (bytes.length === 0 || bytes.length > MAX_SECRET_BYTES) {
    throw new InvalidInputError('secret', `expected 1..${MAX_SECRET_BYTES} bytes, got ${bytes.length}`)
  }
  // A private copy: WebCrypto wants an ArrayBuffer-backed view, and it can be zeroed after use.
  return new Uint8Array(bytes)
}

function readIterations(options: unknown): number {
  if (options === undefined) return DEFAULT_PBKDF2_ITERATIONS
  const { iterations } = requirePlainObject(options, 'options')
  if (iterations === undefined) return DEFAULT_PBKDF2_ITERATIONS
  return requireInteger(iterations, 'iterations', MIN_PBKDF2_ITERATIONS, MAX_PBKDF2_ITERATIONS)
}
