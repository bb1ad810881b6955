/**
 * The unlocked session in browser.storage.session (trusted contexts only, cleared when the browser
 * closes): ONLY the exported vault key, as base64, and the absolute lock deadline, so an unlock
 * survives a service-worker restart. Never the password, a private key or a phrase.
 */
import { decodeBase64, encodeBase64 } from '../../../src/crypto/index.js'
import { exportVaultKey, importVaultKey, type VaultKey } from '../../../src/vault/index.js'
import type { RecordStore } from '../storage/storage-ports.js'

export const SESSION_KEY = 'unlock'

export type UnlockSession = { vaultKey: VaultKey; lockAt: number }

/** Stores the key and deadline; the exported bytes are zeroed once encoded. */
export async function writeUnlockSession(store: RecordStore, session: UnlockSession): Promise<void> {
  const bytes = exportVaultKey(session.vaultKey)
  const vaultKey = encodeBase64(bytes)
  bytes.fill(0)
  await store.set(SESSION_KEY, { vaultKey, lockAt: session.lockAt })
}

/** Reads the session; undefined when locked. A damaged entry is removed and reads as locked. */
export async function readUnlockSession(store: RecordStore): Promise<UnlockSession | undefined> {
  const value = await store.get(SESSION_KEY)
  if (value === undefined) return undefined
  const parsed = parseSession(value)
  if (parsed === undefined) await store.delete(SESSION_KEY)
  return parsed
}

/** Reads only the deadline (no key import), for the cheap check on every call. */
export async function readLockDeadline(store: RecordStore): Promise<number | undefined> {
  const value = await store.get(SESSION_KEY)
  if (typeof value !== 'object' || value === null) return undefined
  const { lockAt } = value as Record<string, unknown>
  return typeof lockAt === 'number' && Number.isFinite(lockAt) ? lockAt : 0
}

/** Forgets the session (lock). */
export async function clearUnlockSession(store: RecordStore): Promise<void> {
  await store.delete(SESSION_KEY)
}

function parseSession(value: unknown): UnlockSession | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { vaultKey, lockAt } = value as Record<string, unknown>
  if (typeof lockAt !== 'number' || !Number.isFinite(lockAt)) return undefined
  try {
    const bytes = decodeBase64(vaultKey, 'vaultKey')
    const key = importVaultKey(bytes)
    bytes.fill(0)
    return { vaultKey: key, lockAt }
  } catch {
    return undefined
  }
}
