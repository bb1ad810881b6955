/**
 * Locked/unlocked: the opened vault in service-worker memory, the exported key and the absolute
 * deadline in storage.session, the auto-lock alarm, and the pending requests a lock rejects. After
 * a worker restart the vault is re-opened lazily from storage.session's key, without the password.
 */
import { requireNonEmptyString } from '../../../src/input.js'
import {
  deriveVaultKey,
  forgetVaultKey,
  openSecret,
  openSecretWithKey,
  type VaultKey,
  type VaultOptions,
} from '../../../src/vault/index.js'
import type { WalletState } from '../../messaging/catalogue.js'
import { CorruptVaultError, LockedError, NoVaultError } from '../errors.js'
import type { SettingsStore } from '../storage/settings.js'
import type { LockAlarm, RecordStore } from '../storage/storage-ports.js'
import { isPastDeadline, lockDeadline } from './auto-lock.js'
import { createPendingRequests } from './pending-requests.js'
import { clearUnlockSession, readLockDeadline, readUnlockSession, writeUnlockSession } from './unlock-session.js'
import { decodeVaultDocument, type VaultDocument } from './vault-document.js'
import { readVaultRecord, type VaultRecord, writeVaultRecord } from './vault-record.js'

export type VaultSessionDeps = {
  /** idb-keyval in the extension. */
  records: RecordStore
  /** browser.storage.session in the extension. */
  session: RecordStore
  settings: SettingsStore
  alarm: LockAlarm
  now: () => number
  /** PBKDF2 target for sealing and upgrading; tests pass the minimum. */
  vaultOptions?: VaultOptions
  /** Called on every lock (e.g. to drop phrase drafts and prepared requests); awaited. */
  onLock?: () => void | Promise<void>
}

/** The vault while unlocked. */
export type OpenedVault = { key: VaultKey; document: VaultDocument; record: VaultRecord }

export type VaultSession = ReturnType<typeof createVaultSession>

/** Creates the session manager; nothing is read until the first call. */
export function createVaultSession(deps: VaultSessionDeps) {
  const pending = createPendingRequests()
  let opened: { key: VaultKey; document: VaultDocument } | undefined
  let generation = 0

  const forgetMemory = () => {
    if (opened) forgetVaultKey(opened.key)
    opened = undefined
  }

  async function lock(): Promise<void> {
    generation++
    pending.rejectAll()
    forgetMemory()
    await deps.onLock?.()
    await clearUnlockSession(deps.session)
    await deps.alarm.clear()
  }

  /** Locks first if the deadline has passed (run on every wake, every call and the alarm). */
  async function enforceDeadline(): Promise<void> {
    const lockAt = await readLockDeadline(deps.session)
    if (lockAt === undefined) forgetMemory()
    else if (isPastDeadline(deps.now(), lockAt)) await lock()
  }

  async function state(): Promise<WalletState> {
    await enforceDeadline()
    const record = await readVaultRecord(deps.records)
    if (!record) return { status: 'empty' }
    const lockAt = await readLockDeadline(deps.session)
    if (lockAt === undefined) return { status: 'locked', avatars: record.avatars }
    return { status: 'unlocked', avatars: record.avatars, currentAvatarId: record.currentAvatarId, lockAt }
  }

  /** The opened vault, re-opened from storage.session's key after a restart; LockedError when locked. */
  async function open(): Promise<OpenedVault> {
    await enforceDeadline()
    const startedIn = generation
    const record = await readVaultRecord(deps.records)
    if (!record) throw new NoVaultError()
    if (opened) return { ...opened, record }
    const session = await readUnlockSession(deps.session)
    if (!session) throw new LockedError()
    let bytes: Uint8Array
    try {
      bytes = await openSecretWithKey(record.envelope, session.vaultKey)
    } catch (error) {
      // A key for another envelope (replaced vault) cannot open it: that session is over.
      forgetVaultKey(session.vaultKey)
      if (error instanceof Error && 'code' in error && error.code === 'WRONG_PASSWORD') {
        await lock()
        throw new LockedError()
      }
      throw error
    }
    const document = decodeOpened(bytes, record)
    if (startedIn !== generation) {
      forgetVaultKey(session.vaultKey)
      throw new LockedError()
    }
    forgetMemory()
    opened = { key: session.vaultKey, document }
    return { ...opened, record }
  }

  /** Unlocks with the password; WrongPasswordError changes nothing. */
  async function unlock(password: unknown): Promise<OpenedVault> {
    const text = requireNonEmptyString(password, 'password')
    const record = await readVaultRecord(deps.records)
    if (!record) throw new NoVaultError()
    const startedIn = generation
    const result = await openSecret(record.envelope, text, deps.vaultOptions)
    const document = decodeOpened(result.secret, record)
    if (startedIn !== generation) {
      forgetVaultKey(result.key)
      throw new LockedError()
    }
    const next = result.upgraded ? { ...record, envelope: result.upgraded } : record
    if (result.upgraded) await writeVaultRecord(deps.records, next)
    await start(result.key, document)
    return { key: result.key, document, record: next }
  }

  /** Makes `key` and `document` the unlocked session with a fresh deadline (unlock, first create). */
  async function start(key: VaultKey, document: VaultDocument): Promise<void> {
    const { autoLockMinutes } = await deps.settings.get()
    const lockAt = lockDeadline(deps.now(), autoLockMinutes)
    forgetMemory()
    opened = { key, document }
    await writeUnlockSession(deps.session, { vaultKey: key, lockAt })
    await deps.alarm.set(lockAt)
  }

  /** Replaces the in-memory document after a reseal (same key). */
  function replaceDocument(document: VaultDocument): void {
    if (opened) opened = { key: opened.key, document }
  }

  /** Checks the password against the stored envelope without changing anything. */
  async function confirmPassword(password: unknown, record: VaultRecord): Promise<void> {
    forgetVaultKey(await deriveVaultKey(requireNonEmptyString(password, 'password'), record.envelope))
  }

  return {
    state,
    open,
    unlock,
    lock,
    start,
    replaceDocument,
    confirmPassword,
    enforceDeadline,
    /** Runs an operation that a lock must cancel (rejects with LockedError). */
    track: <T>(operation: (signal: AbortSignal) => Promise<T>) => pending.track(operation),
    get generation() {
      return generation
    },
  }
}

/** Decodes decrypted bytes (zeroing them) and checks they list the same avatars as the record. */
function decodeOpened(bytes: Uint8Array, record: VaultRecord): VaultDocument {
  let document: VaultDocument
  try {
    document = decodeVaultDocument(bytes)
  } finally {
    bytes.fill(0)
  }
  const ids = document.avatars.map((avatar) => avatar.id).sort()
  const listed = record.avatars.map((avatar) => avatar.id).sort()
  if (ids.join() !== listed.join()) throw new CorruptVaultError('the avatar list does not match the sealed secrets')
  return document
}
