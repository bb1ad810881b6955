/**
 * Mask's encrypted backup file (mask-vectors FORMATS.md, section G): 16-byte magic `MASK-BACKUP-V000` or `-V001`, then a
 * msgpack array [pbkdf2 salt, AES-GCM IV (16 bytes), ciphertext‖tag], then SHA-256 of that array.
 * The key is PBKDF2-HMAC-SHA256 (10,000 iterations for V000, 10,000,000 for V001) of the password
 * bytes; the cipher AES-256-GCM without additional data.
 */
import { decode } from '@msgpack/msgpack'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '../crypto/hex.js'
import { MaskImportError } from './mask-import-error.js'

const MAGIC_LENGTH = 16
const CHECKSUM_LENGTH = 32
const GCM_TAG_LENGTH = 16

/** The PBKDF2 iteration count of each container version. */
export const CONTAINER_ITERATIONS = { 'MASK-BACKUP-V000': 10_000, 'MASK-BACKUP-V001': 10_000_000 } as const

export type ContainerVersion = keyof typeof CONTAINER_ITERATIONS

/** A container with its checksum checked, ready for passwords. */
export type BackupContainer = { version: ContainerVersion; salt: Uint8Array; iv: Uint8Array; sealed: Uint8Array }

/** True when the bytes start as a Mask encrypted backup (any version, even a damaged one). */
export function isBackupContainer(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, MAGIC_LENGTH - 1)) === 'MASK-BACKUP-V00'
}

/** Splits and checks the container; a short, edited or unknown file is `damaged-backup`. */
export function parseBackupContainer(bytes: Uint8Array): BackupContainer {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC_LENGTH))
  if (!(magic in CONTAINER_ITERATIONS)) throw damaged(`unknown container version "${magic.slice(0, 16)}"`)
  if (bytes.length < MAGIC_LENGTH + CHECKSUM_LENGTH + 1) throw damaged('the file is cut short')
  const body = bytes.subarray(MAGIC_LENGTH, bytes.length - CHECKSUM_LENGTH)
  const checksum = bytes.subarray(bytes.length - CHECKSUM_LENGTH)
  if (bytesToHex(sha256(body)) !== bytesToHex(checksum))
    throw damaged('its checksum does not match (cut short or edited)')
  let parts: unknown
  try {
    parts = decode(body)
  } catch {
    throw damaged('its body is not msgpack')
  }
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((part) => part instanceof Uint8Array)) {
    throw damaged('its body is not [salt, iv, ciphertext]')
  }
  const [salt, iv, sealed] = parts as [Uint8Array, Uint8Array, Uint8Array]
  if (iv.length !== 16 || salt.length === 0 || sealed.length <= GCM_TAG_LENGTH)
    throw damaged('a part has a wrong length')
  return { version: magic as ContainerVersion, salt, iv, sealed }
}

/**
 * The plaintext under `password` (exact bytes: the app feeds msgpack of the string, Mask's own
 * tests raw bytes), or undefined when the password does not open it. AES-GCM cannot tell a wrong
 * password from an edited ciphertext; the checksum has already caught edits made without refreshing it.
 */
export async function openBackupContainer(
  container: BackupContainer,
  password: Uint8Array,
): Promise<Uint8Array | undefined> {
  const aesKey = await deriveContainerKey(container, password)
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: copy(container.iv) },
      aesKey,
      copy(container.sealed),
    )
    return new Uint8Array(plain)
  } catch {
    return undefined
  }
}

async function deriveContainerKey(container: BackupContainer, password: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', copy(password), 'PBKDF2', false, ['deriveBits'])
  const iterations = CONTAINER_ITERATIONS[container.version]
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', salt: copy(container.salt), iterations, hash: 'SHA-256' },
      material,
      256,
    ),
  )
  try {
    return await crypto.subtle.importKey('raw', bits, 'AES-GCM', false, ['decrypt'])
  } finally {
    bits.fill(0)
  }
}

// WebCrypto wants ArrayBuffer-backed views; msgpack hands out views into the file's buffer.
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}

function damaged(problem: string): MaskImportError {
  return new MaskImportError('damaged-backup', `the encrypted backup is damaged: ${problem}`)
}
