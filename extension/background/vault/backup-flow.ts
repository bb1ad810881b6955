/**
 * Export and import of the encrypted backup file (backup-file.ts). Export needs the password
 * confirmed; import restores into an empty extension — or, when the user forgot the password and
 * says so (`replaceExisting`), in place of the vault there is — opens the envelope with the password
 * (a wrong one stores nothing and replaces nothing), re-derives every avatar id from its secret,
 * then unlocks.
 */
import { NextIdError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import { forgetVaultKey, openSecret } from '../../../src/vault/index.js'
import type { WalletState } from '../../messaging/catalogue.js'
import { CorruptBackupError, LockedError, VaultExistsError, WalletError } from '../errors.js'
import { deriveAvatarId } from './avatar-secrets.js'
import { type BackupContents, encodeBackupFile, parseBackupFile } from './backup-file.js'
import { decodeVaultDocument, type VaultDocument } from './vault-document.js'
import { readVaultRecord, writeVaultRecord } from './vault-record.js'
import type { VaultSession, VaultSessionDeps } from './vault-session.js'

export type BackupFlow = ReturnType<typeof createBackupFlow>

/** exportBackup / importBackup over the vault session. */
export function createBackupFlow(
  session: VaultSession,
  deps: Pick<VaultSessionDeps, 'records' | 'now' | 'vaultOptions'>,
) {
  async function exportBackup(params: unknown): Promise<{ fileName: string; content: string }> {
    const { password } = requirePlainObject(params, 'params')
    return session.track(async () => {
      const { record } = await session.open()
      await session.confirmPassword(password, record)
      return encodeBackupFile(record.envelope, record.avatars, deps.now())
    })
  }

  async function importBackup(params: unknown): Promise<WalletState> {
    const input = requirePlainObject(params, 'params')
    const replacing = input.replaceExisting === true
    await session.enforceDeadline()
    if (!replacing && (await readVaultRecord(deps.records))) throw new VaultExistsError()
    const backup = parseBackupFile(input.content)
    const password = requireNonEmptyString(input.password, 'password')
    let startedIn = session.generation
    const opened = await openBackup(backup, password, deps)
    try {
      await checkAvatars(backup, opened.document)
      // Only a backup that opened and checked out replaces anything; the old session ends first.
      if (replacing) {
        await session.lock()
        startedIn = session.generation
      }
      if (startedIn !== session.generation) throw new LockedError()
      if (!replacing && (await readVaultRecord(deps.records))) throw new VaultExistsError()
      const [first] = backup.avatars
      if (!first) throw new CorruptBackupError('it lists no avatars')
      await writeVaultRecord(deps.records, {
        version: 1,
        envelope: opened.envelope,
        avatars: backup.avatars,
        currentAvatarId: first.id,
      })
    } catch (error) {
      forgetVaultKey(opened.key)
      throw error
    }
    await session.start(opened.key, opened.document)
    return session.state()
  }

  return { exportBackup, importBackup }
}

/** Opens the envelope; WrongPasswordError passes through, a damaged envelope is CORRUPT_VAULT. */
async function openBackup(backup: BackupContents, password: string, deps: Pick<VaultSessionDeps, 'vaultOptions'>) {
  let result: Awaited<ReturnType<typeof openSecret>>
  try {
    result = await openSecret(backup.vault, password, deps.vaultOptions)
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
