/**
 * Avatar operations on the one-password vault: add (the first one creates the vault), select,
 * rename, remove, reveal. Every change re-seals the whole document under the same key.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import { deriveVaultKey, resealSecretWithKey, sealSecret } from '../../../src/vault/index.js'
import type { AvatarSource, WalletState } from '../../messaging/catalogue.js'
import { AlreadyExistsError, LockedError, NotFoundError } from '../errors.js'
import { revealAvatarSecret } from './avatar-secrets.js'
import { type AvatarSecret, encodeVaultDocument, type VaultDocument } from './vault-document.js'
import {
  readVaultRecord,
  requireAvatarName,
  VAULT_RECORD_KEY,
  type VaultRecord,
  writeVaultRecord,
} from './vault-record.js'
import type { VaultSession, VaultSessionDeps } from './vault-session.js'

/** A new avatar: its secret entry, where it came from, its display name. */
export type NewAvatar = { secret: AvatarSecret; source: AvatarSource; name: unknown }

export type AvatarVault = ReturnType<typeof createAvatarVault>

/** Avatar operations over a vault session. */
export function createAvatarVault(
  session: VaultSession,
  deps: Pick<VaultSessionDeps, 'records' | 'now' | 'vaultOptions'>,
) {
  /** Adds an avatar; creates the vault under `password` if there is none, else needs it unlocked. */
  async function addAvatar(avatar: NewAvatar, password: unknown): Promise<WalletState> {
    const name = requireAvatarName(avatar.name)
    if (await readVaultRecord(deps.records)) return addAvatars([avatar])
    const summary = { id: avatar.secret.id, name, source: avatar.source, addedAt: deps.now() }
    await createVault({ version: 1, avatars: [avatar.secret] }, summary, password)
    return session.state()
  }

  /**
   * Adds avatars to the unlocked vault in one re-seal and one write; the first becomes current.
   * `alongside` are other records written in the same transaction (a backup merge's connected
   * sites). One already in the vault is ALREADY_EXISTS, and then nothing is added.
   */
  async function addAvatars(avatars: NewAvatar[], alongside?: Record<string, unknown>): Promise<WalletState> {
    const summaries = avatars.map((avatar) => ({
      id: avatar.secret.id,
      name: requireAvatarName(avatar.name),
      source: avatar.source,
      addedAt: deps.now(),
    }))
    const [first] = summaries
    if (!first) throw new InvalidInputError('avatars', 'expected at least one avatar')
    return session.track(async () => {
      const { document, record } = await session.open()
      const present = summaries.find((summary) => document.avatars.some((entry) => entry.id === summary.id))
      if (present) throw new AlreadyExistsError(present.id)
      const next: VaultDocument = { version: 1, avatars: [...document.avatars, ...avatars.map((a) => a.secret)] }
      const avatarsNext = [...record.avatars, ...summaries]
      await commit(next, { ...record, avatars: avatarsNext, currentAvatarId: first.id }, alongside)
      return session.state()
    })
  }

  /**
   * Forgot password: a new vault holding only `avatar`, under a new password, in place of the one
   * there is (its other avatars are gone unless restored too). Checked before anything is deleted;
   * the session locks first, so nothing opened with the old vault outlives it.
   */
  async function replaceVault(avatar: NewAvatar, password: unknown): Promise<WalletState> {
    requireAvatarName(avatar.name)
    requireNonEmptyString(password, 'password')
    await session.lock()
    await deps.records.delete(VAULT_RECORD_KEY)
    return addAvatar(avatar, password)
  }

  async function createVault(document: VaultDocument, summary: VaultRecord['avatars'][number], password: unknown) {
    const text = requireNonEmptyString(password, 'password')
    const startedIn = session.generation
    const envelope = await sealSecret(encodeVaultDocument(document), text, deps.vaultOptions)
    const key = await deriveVaultKey(text, envelope)
    if (startedIn !== session.generation || (await readVaultRecord(deps.records))) throw new LockedError()
    await writeVaultRecord(deps.records, { version: 1, envelope, avatars: [summary], currentAvatarId: summary.id })
    await session.start(key, document)
  }

  /** Re-seals `document` under the open key and stores it with `record`'s metadata (and `alongside`). */
  async function commit(document: VaultDocument, record: VaultRecord, alongside?: Record<string, unknown>) {
    const { key } = await session.open()
    const startedIn = session.generation
    const envelope = await resealSecretWithKey(encodeVaultDocument(document), record.envelope, key)
    if (startedIn !== session.generation) throw new LockedError()
    await writeVaultRecord(deps.records, { ...record, envelope }, alongside)
    session.replaceDocument(document)
  }

  /** Metadata-only change (name, current avatar) while unlocked. */
  async function updateRecord(id: unknown, change: (record: VaultRecord, id: string) => VaultRecord) {
    return session.track(async () => {
      const { record } = await session.open()
      const avatarId = requireKnownId(record, id)
      await writeVaultRecord(deps.records, change(record, avatarId))
      return session.state()
    })
  }

  async function removeAvatar(params: unknown): Promise<WalletState> {
    const { id, password } = requirePlainObject(params, 'params')
    const emptied = await session.track(async () => {
      const { document, record } = await session.open()
      const avatarId = requireKnownId(record, id)
      await session.confirmPassword(password, record)
      const avatars = record.avatars.filter((avatar) => avatar.id !== avatarId)
      const [first] = avatars
      if (!first) {
        await deps.records.delete(VAULT_RECORD_KEY)
        return true
      }
      const currentAvatarId = record.currentAvatarId === avatarId ? first.id : record.currentAvatarId
      const next: VaultDocument = { version: 1, avatars: document.avatars.filter((entry) => entry.id !== avatarId) }
      await commit(next, { ...record, avatars, currentAvatarId })
      return false
    })
    // The last avatar took the vault with it, and so the session (outside track: lock rejects tracked calls).
    if (emptied) await session.lock()
    return session.state()
  }

  async function revealSecret(params: unknown) {
    const { id, password } = requirePlainObject(params, 'params')
    return session.track(async () => {
      const { document, record } = await session.open()
      const avatarId = requireKnownId(record, id)
      await session.confirmPassword(password, record)
      const secret = document.avatars.find((entry) => entry.id === avatarId)
      if (!secret) throw new NotFoundError(`avatar ${avatarId}`)
      return revealAvatarSecret(secret)
    })
  }

  return {
    addAvatar,
    addAvatars,
    replaceVault,
    removeAvatar,
    revealSecret,
    selectAvatar: (id: unknown) => updateRecord(id, (record, avatarId) => ({ ...record, currentAvatarId: avatarId })),
    renameAvatar: (id: unknown, name: unknown) => {
      const text = requireAvatarName(name)
      return updateRecord(id, (record, avatarId) => ({
        ...record,
        avatars: record.avatars.map((avatar) => (avatar.id === avatarId ? { ...avatar, name: text } : avatar)),
      }))
    },
  }
}

function requireKnownId(record: VaultRecord, id: unknown): string {
  const text = requireNonEmptyString(id, 'id').toLowerCase()
  if (!record.avatars.some((avatar) => avatar.id === text)) throw new NotFoundError(`avatar ${text.slice(0, 70)}`)
  return text
}
