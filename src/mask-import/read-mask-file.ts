/**
 * A file the user gives: a Mask encrypted backup (`MASK-BACKUP-V00x`, needing a password) or a text
 * file (a JSON backup, the "Base64" text, a key string). Images are read by the caller into pixels
 * (readQrCode) since decoding them needs the platform's image decoder.
 */
import { InvalidInputError } from '../errors.js'
import { requireBytes, requirePlainObject, requireString } from '../input.js'
import { type ContainerVersion, isBackupContainer } from './backup-container.js'
import { readBackupObject } from './backup-object.js'
import { MaskImportError } from './mask-import-error.js'
import {
  type BackupCredentials,
  backupContainerVersion,
  type OpeningProgress,
  openEncryptedBackup,
} from './open-encrypted-backup.js'
import type { PasswordVariant } from './password-variants.js'
import { type MaskFound, readMaskText } from './read-mask-text.js'

/** What a file holds, or what it still needs. */
export type MaskFileReading =
  | { kind: 'found'; found: MaskFound; openedWith?: PasswordVariant }
  | { kind: 'needs-password'; version: ContainerVersion }

export type MaskFileOptions = {
  credentials?: BackupCredentials
  passphrase?: string
  onProgress?: (progress: OpeningProgress) => void
}

/** Reads a file's bytes; an encrypted backup without a password answers `needs-password`. */
export async function readMaskFile(file: unknown, given: unknown = {}): Promise<MaskFileReading> {
  const bytes = requireBytes(file, 'file')
  const options = requireOptions(given)
  if (isBackupContainer(bytes)) {
    const version = backupContainerVersion(bytes)
    if (!options.credentials || options.credentials.password === '') return { kind: 'needs-password', version }
    const opened = await openEncryptedBackup(bytes, options.credentials, options.onProgress)
    const { personas, skippedContacts, version: backupVersion } = readBackupObject(opened.backup)
    return {
      kind: 'found',
      found: { format: 'encrypted-backup', personas, skippedContacts, backupVersion },
      openedWith: opened.openedWith,
    }
  }
  const text = new TextDecoder('utf-8', { fatal: true })
  let decoded: string
  try {
    decoded = text.decode(bytes)
  } catch {
    throw new MaskImportError('unrecognised', 'the file is neither text nor a Mask encrypted backup')
  }
  return { kind: 'found', found: await readMaskText(decoded, options.passphrase) }
}

function requireOptions(value: unknown): MaskFileOptions {
  const { credentials, passphrase, onProgress } = requirePlainObject(value, 'options')
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidInputError('options.onProgress', 'expected a function')
  }
  return {
    ...(credentials === undefined ? {} : { credentials: requireCredentials(credentials) }),
    ...(passphrase === undefined ? {} : { passphrase: requireString(passphrase, 'options.passphrase') }),
    ...(onProgress === undefined ? {} : { onProgress: onProgress as (progress: OpeningProgress) => void }),
  }
}

function requireCredentials(value: unknown): BackupCredentials {
  const { password, account } = requirePlainObject(value, 'options.credentials')
  return {
    password: requireString(password, 'options.credentials.password'),
    ...(account === undefined ? {} : { account: requireString(account, 'options.credentials.account') }),
  }
}
