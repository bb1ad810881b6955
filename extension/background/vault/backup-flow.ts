/**
 * Export and restore of the encrypted backup file (backup-file.ts), and merge (backup-merge.ts).
 * Export needs the password confirmed and carries the settings and connected sites too. Restore
 * goes into an empty extension — or, when the user forgot the password and says so
 * (`replaceExisting`), in place of the vault there is: the file is opened with its password and
 * checked (open-backup.ts) before anything is replaced, then the vault record, the settings and the
 * connected sites are written in one transaction, so a worker stopped half-way leaves all as it was.
 */
import { requirePlainObject } from '../../../src/input.js'
import { forgetVaultKey } from '../../../src/vault/index.js'
import type { WalletState } from '../../messaging/catalogue.js'
import { permissionsEntry, type SitePermissions } from '../dapp/site-permissions.js'
import { CorruptBackupError, LockedError, VaultExistsError } from '../errors.js'
import { type SettingsStore, settingsEntry } from '../storage/settings.js'
import type { AvatarVault } from './avatar-vault.js'
import type { BackupContents } from './backup-file.js'
import { encodeBackupFile } from './backup-file.js'
import { mergeBackup } from './backup-merge.js'
import { openBackupFile } from './open-backup.js'
import { readVaultRecord, writeVaultRecord } from './vault-record.js'
import type { VaultSession, VaultSessionDeps } from './vault-session.js'

export type BackupFlowDeps = Pick<VaultSessionDeps, 'records' | 'now' | 'vaultOptions'> & {
  /** Over `records`: the settings and the site permissions are restored in the vault's transaction. */
  settings: SettingsStore
  permissions: SitePermissions
}

export type BackupFlow = ReturnType<typeof createBackupFlow>

/** exportBackup / importBackup / mergeBackup over the vault session. */
export function createBackupFlow(session: VaultSession, avatars: AvatarVault, deps: BackupFlowDeps) {
  async function exportBackup(params: unknown): Promise<{ fileName: string; content: string }> {
    const { password } = requirePlainObject(params, 'params')
    return session.track(async () => {
      const { record } = await session.open()
      await session.confirmPassword(password, record)
      const [settings, connectedSites] = await Promise.all([deps.settings.get(), deps.permissions.list()])
      return encodeBackupFile({ vault: record.envelope, avatars: record.avatars, settings, connectedSites }, deps.now())
    })
  }

  async function importBackup(params: unknown): Promise<WalletState> {
    const input = requirePlainObject(params, 'params')
    const replacing = input.replaceExisting === true
    await session.enforceDeadline()
    if (!replacing && (await readVaultRecord(deps.records))) throw new VaultExistsError()
    let startedIn = session.generation
    const opened = await openBackupFile(input.content, input.password, deps.vaultOptions)
    const { backup } = opened
    try {
      // Only a backup that opened and checked out replaces anything; the old session ends first.
      if (replacing) {
        await session.lock()
        startedIn = session.generation
      }
      if (startedIn !== session.generation) throw new LockedError()
      if (!replacing && (await readVaultRecord(deps.records))) throw new VaultExistsError()
      const [first] = backup.avatars
      if (!first) throw new CorruptBackupError('it lists no avatars')
      // No site can be granted meanwhile: there is no unlocked vault to grant one for.
      const record = {
        version: 1 as const,
        envelope: opened.envelope,
        avatars: backup.avatars,
        currentAvatarId: first.id,
      }
      await writeVaultRecord(deps.records, record, restoredAlongside(backup))
    } catch (error) {
      forgetVaultKey(opened.key)
      throw error
    }
    await session.start(opened.key, opened.document)
    return session.state()
  }

  return {
    exportBackup,
    importBackup,
    mergeBackup: (params: unknown) => mergeBackup(params, { ...deps, session, avatars }),
  }
}

/** The settings and connected sites a restore writes with the vault (a version 1 file has neither). */
function restoredAlongside(backup: BackupContents): Record<string, unknown> {
  return {
    ...(backup.settings ? settingsEntry(backup.settings) : {}),
    ...(backup.connectedSites ? permissionsEntry(backup.connectedSites) : {}),
  }
}
