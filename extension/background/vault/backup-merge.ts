/**
 * "Add from a backup file": the avatars of a backup (opened with its own password, which may
 * differ from the vault's) join the unlocked vault, re-sealed under the vault's key the way any
 * added avatar is (avatar-vault.ts addAvatars). Avatars the vault already holds are not added
 * again and are named in the answer. Nothing is written unless something is added, and then once:
 * the vault record and the connected sites in one transaction.
 *
 * Settings are not merged: the vault's own stay as they are (a backup's endpoints silently
 * replacing the service in use would surprise the user). Connected sites are keyed per origin,
 * each seeing one avatar (site-permissions.ts), so a backup's site can be taken for an avatar the
 * merge adds — but only where that origin sees no avatar of this vault now: the user's current
 * choice for a site is never replaced.
 */
import { requirePlainObject } from '../../../src/input.js'
import { forgetVaultKey } from '../../../src/vault/index.js'
import type { BackupMerge, ConnectedSite } from '../../messaging/catalogue.js'
import { permissionsEntry, type SitePermissions } from '../dapp/site-permissions.js'
import type { AvatarVault } from './avatar-vault.js'
import { openBackupFile, secretOf } from './open-backup.js'
import type { VaultSession, VaultSessionDeps } from './vault-session.js'

export type BackupMergeDeps = Pick<VaultSessionDeps, 'vaultOptions'> & {
  session: VaultSession
  avatars: AvatarVault
  permissions: SitePermissions
}

/** Adds the backup's avatars that the unlocked vault lacks; LOCKED when it is locked. */
export async function mergeBackup(params: unknown, deps: BackupMergeDeps): Promise<BackupMerge> {
  const input = requirePlainObject(params, 'params')
  const { session } = deps
  return session.track(async () => {
    // Locked or empty is said before the slow key derivation of the file's password.
    const { record } = await session.open()
    const opened = await openBackupFile(input.content, input.password, deps.vaultOptions)
    // Its secrets are re-sealed under the vault's key: the file's own key is not needed.
    forgetVaultKey(opened.key)
    const here = new Map(record.avatars.map((avatar) => [avatar.id, avatar.name]))
    const alreadyPresent = opened.backup.avatars.flatMap(({ id, name }) => {
      const inVaultAs = here.get(id)
      return inVaultAs === undefined ? [] : [{ id, name, inVaultAs }]
    })
    const adding = opened.backup.avatars.filter((avatar) => !here.has(avatar.id))
    if (adding.length === 0) return { state: await session.state(), added: [], alreadyPresent, sitesAdded: [] }

    const newAvatars = adding.map(({ id, name, source }) => ({ secret: secretOf(opened, id), source, name }))
    const addedIds = new Set(adding.map((avatar) => avatar.id))
    // Held from reading the sites until they are written, so a site granted meanwhile is not lost.
    return deps.permissions.whileHeld(async () => {
      const sites = sitesAfterMerge(await deps.permissions.list(), opened.backup.connectedSites ?? [], addedIds, here)
      const alongside = sites.added.length > 0 ? permissionsEntry(sites.all) : undefined
      const state = await deps.avatars.addAvatars(newAvatars, alongside)
      const added = adding.map(({ id, name }) => ({ id, name }))
      return { state, added, alreadyPresent, sitesAdded: sites.added.map((site) => site.origin) }
    })
  })
}

/**
 * The permissions after a merge: the current ones, plus the backup's sites of avatars being added
 * whose origin sees no avatar of this vault now (`inVault`); `added` lists those taken.
 */
export function sitesAfterMerge(
  current: ConnectedSite[],
  fromBackup: ConnectedSite[],
  adding: ReadonlySet<string>,
  inVault: ReadonlyMap<string, unknown>,
): { all: ConnectedSite[]; added: ConnectedSite[] } {
  const byOrigin = new Map(current.map((site) => [site.origin, site]))
  const added: ConnectedSite[] = []
  for (const site of fromBackup) {
    const connected = byOrigin.get(site.origin)
    if (!adding.has(site.avatarId) || (connected && inVault.has(connected.avatarId))) continue
    byOrigin.set(site.origin, site)
    added.push(site)
  }
  return { all: [...byOrigin.values()], added }
}
