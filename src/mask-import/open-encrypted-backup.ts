/**
 * Opens a Mask encrypted backup with what the user typed: tries each password variant in turn
 * (password-variants.ts), each as the msgpack encoding of the string as Mask's app fed it, and says
 * which one opened it. A V001 try costs seconds (10,000,000 PBKDF2 iterations), so progress is
 * reported before each try with an estimate measured on this machine.
 */
import { decode, encode } from '@msgpack/msgpack'
import {
  type BackupContainer,
  CONTAINER_ITERATIONS,
  type ContainerVersion,
  openBackupContainer,
  parseBackupContainer,
} from './backup-container.js'
import { MaskImportError } from './mask-import-error.js'
import { type PasswordVariant, passwordString, passwordVariants } from './password-variants.js'

/** What the user typed for an encrypted backup. */
export type BackupCredentials = { password: string; account?: string }

/** Where the opening stands: try `attempt` of `attempts`, expected to take about `estimatedMs`. */
export type OpeningProgress = { attempt: number; attempts: number; estimatedMs: number }

/** The backup object inside, and the variant that opened it. */
export type OpenedBackup = { backup: unknown; openedWith: PasswordVariant; version: ContainerVersion }

/** Decrypts and decodes the backup; `wrong-password` when no variant opens it. */
export async function openEncryptedBackup(
  bytes: Uint8Array,
  credentials: BackupCredentials,
  onProgress: (progress: OpeningProgress) => void = () => undefined,
): Promise<OpenedBackup> {
  const container = parseBackupContainer(bytes)
  const variants = passwordVariants(credentials.account)
  const estimatedMs = await estimateTryMs(container)
  for (const [index, variant] of variants.entries()) {
    onProgress({ attempt: index + 1, attempts: variants.length, estimatedMs })
    const plain = await openBackupContainer(container, encode(passwordString(variant, credentials.password)))
    if (plain) return { backup: decodeBackup(plain), openedWith: variant, version: container.version }
  }
  throw new MaskImportError('wrong-password', 'no password variant opens the backup')
}

/** The container's version, for asking what it needs before any try. */
export function backupContainerVersion(bytes: Uint8Array): ContainerVersion {
  return parseBackupContainer(bytes).version
}

// Long enough (~40 ms) that WebCrypto's fixed cost per call does not double the estimate.
const SAMPLE_ITERATIONS = 100_000

// One short derivation timed here, scaled to the container's count: machines differ tenfold.
async function estimateTryMs(container: BackupContainer): Promise<number> {
  const iterations = CONTAINER_ITERATIONS[container.version]
  const sampleIterations = Math.min(iterations, SAMPLE_ITERATIONS)
  const started = Date.now()
  const sample = await crypto.subtle.importKey('raw', new Uint8Array(1), 'PBKDF2', false, ['deriveBits'])
  await crypto.subtle.deriveBits(
    { name: 'PBKDF2', salt: new Uint8Array(16), iterations: sampleIterations, hash: 'SHA-256' },
    sample,
    256,
  )
  return Math.max(1, Math.round(((Date.now() - started) * iterations) / sampleIterations))
}

function decodeBackup(plain: Uint8Array): unknown {
  try {
    return decode(plain)
  } catch {
    throw new MaskImportError('damaged-backup', 'the decrypted backup is not msgpack')
  } finally {
    plain.fill(0)
  }
}
