/**
 * A backup file opened with its own password: parsed strictly (backup-file.ts), the envelope
 * opened (a wrong password is WRONG_PASSWORD, a damaged envelope CORRUPT_VAULT), every listed
 * avatar matched against the sealed secrets and every id re-derived from its secret. Nothing is
 * stored here; restore and merge decide what to write.
 */
import { NextIdError } from '../../../src/errors.js'
import { requireNonEmptyString } from '../../../src/input.js'
import { forgetVaultKey, openSecret, type VaultKey, type VaultOptions } from '../../../src/vault/index.js'
import { CorruptBackupError, WalletError } from '../errors.js'
import { deriveAvatarId } from './avatar-secrets.js'
import { type BackupContents, parseBackupFile } from './backup-file.js'
import { type AvatarSecret, decodeVaultDocument, type VaultDocument } from './vault-document.js'

/** The file's contents, its key (the caller forgets it), the sealed document, the envelope to store. */
export type OpenedBackup = {
  backup: BackupContents
  key: VaultKey
  document: VaultDocument
  envelope: BackupContents['vault']
}

/** Parses, opens and checks a backup file; nothing is kept when any step fails. */
export async function openBackupFile(
  content: unknown,
  password: unknown,
  options?: VaultOptions,
): Promise<OpenedBackup> {
  const backup = parseBackupFile(content)
  const text = requireNonEmptyString(password, 'password')
  const opened = await openEnvelope(backup, text, options)
  try {
    await checkAvatars(backup, opened.document)
  } catch (error) {
    forgetVaultKey(opened.key)
    throw error
  }
  return { backup, ...opened }
}

/** The sealed secret of one of the backup's avatars. */
export function secretOf(opened: OpenedBackup, id: string): AvatarSecret {
  const secret = opened.document.avatars.find((entry) => entry.id === id)
  if (!secret) throw new CorruptBackupError(`avatar ${id} has no sealed secret`)
  return secret
}

async function openEnvelope(backup: BackupContents, password: string, options?: VaultOptions) {
  let result: Awaited<ReturnType<typeof openSecret>>
  try {
    result = await openSecret(backup.vault, password, options)
  } catch (error) {
    if (error instanceof NextIdError && error.code === 'CORRUPT_ENVELOPE') throw new CorruptBackupError(error.message)
    throw error
  }
  let document: VaultDocument
  try {
    document = decodeVaultDocument(result.secret)
  } catch (error) {
    forgetVaultKey(result.key)
    if (error instanceof WalletError)
      throw new CorruptBackupError(error.message.replace(/^stored vault is corrupt: /, ''))
    throw error
  } finally {
    result.secret.fill(0)
  }
  // A weaker envelope is upgraded to today's PBKDF2 count on the way in, as unlock does.
  return { key: result.key, document, envelope: result.upgraded ?? backup.vault }
}

/** The listed avatars must be exactly the sealed ones, and each id must be its secret's key. */
async function checkAvatars(backup: BackupContents, document: VaultDocument): Promise<void> {
  const listed = backup.avatars.map((avatar) => avatar.id).sort()
  const sealed = document.avatars.map((avatar) => avatar.id).sort()
  if (listed.join() !== sealed.join()) throw new CorruptBackupError('the avatar list does not match the sealed secrets')
  for (const secret of document.avatars) {
    if ((await deriveAvatarId(secret)) !== secret.id) {
      throw new CorruptBackupError(`avatar ${secret.id} does not match the key of its secret`)
    }
  }
}
