/**
 * The vault as stored in IndexedDB (idb-keyval): versioned, with the sealed document and the public
 * avatar list (shown while locked). What is read back is checked; a foreign or damaged record is a
 * CorruptVaultError, never a crash.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireInteger, requireNonEmptyString, requireOneOf, requirePlainObject } from '../../../src/input.js'
import type { VaultEnvelope } from '../../../src/vault/index.js'
import type { AvatarSummary } from '../../messaging/catalogue.js'
import { CorruptVaultError } from '../errors.js'
import type { RecordStore } from '../storage/storage-ports.js'

export const VAULT_RECORD_KEY = 'vault'
export const MAX_NAME_LENGTH = 64

export type VaultRecord = {
  version: 1
  /** src/vault's envelope; its own reader checks it when it is opened. */
  envelope: VaultEnvelope
  avatars: AvatarSummary[]
  currentAvatarId: string
}

/** Reads the record; undefined when there is no vault yet. */
export async function readVaultRecord(store: RecordStore): Promise<VaultRecord | undefined> {
  const value = await store.get(VAULT_RECORD_KEY)
  if (value === undefined) return undefined
  try {
    return parseVaultRecord(value)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new CorruptVaultError(error.message)
    throw error
  }
}

/**
 * Writes the record (checked first, so a bug cannot store something unreadable), and `alongside`
 * records in the same transaction: all of them or none.
 */
export async function writeVaultRecord(
  store: RecordStore,
  record: VaultRecord,
  alongside?: Record<string, unknown>,
): Promise<void> {
  await store.setMany({ ...alongside, [VAULT_RECORD_KEY]: parseVaultRecord(record) })
}

/** Checks a record's shape (InvalidInputError naming the field). */
export function parseVaultRecord(value: unknown): VaultRecord {
  const record = requirePlainObject(value, 'record')
  if (record.version !== 1) throw new InvalidInputError('record.version', 'expected 1')
  const envelope = requirePlainObject(record.envelope, 'record.envelope') as VaultEnvelope
  if (!Array.isArray(record.avatars) || record.avatars.length === 0) {
    throw new InvalidInputError('record.avatars', 'expected a non-empty array')
  }
  const avatars = record.avatars.map((entry, index) => parseSummary(entry, `record.avatars[${index}]`))
  const currentAvatarId = requireNonEmptyString(record.currentAvatarId, 'record.currentAvatarId')
  if (!avatars.some((avatar) => avatar.id === currentAvatarId)) {
    throw new InvalidInputError('record.currentAvatarId', 'is not one of the avatars')
  }
  return { version: 1, envelope, avatars, currentAvatarId }
}

function parseSummary(value: unknown, field: string): AvatarSummary {
  const entry = requirePlainObject(value, field)
  return {
    id: requireNonEmptyString(entry.id, `${field}.id`),
    name: requireAvatarName(entry.name, `${field}.name`),
    source: requireOneOf(entry.source, `${field}.source`, ['created', 'phrase', 'private-key'] as const),
    addedAt: requireInteger(entry.addedAt, `${field}.addedAt`, 0, Number.MAX_SAFE_INTEGER),
  }
}

/** A display name: trimmed, 1..64 characters. */
export function requireAvatarName(value: unknown, field = 'name'): string {
  const name = requireNonEmptyString(value, field).trim()
  if (name.length === 0) throw new InvalidInputError(field, 'must not be blank')
  if (name.length > MAX_NAME_LENGTH) throw new InvalidInputError(field, `is longer than ${MAX_NAME_LENGTH} characters`)
  return name
}
