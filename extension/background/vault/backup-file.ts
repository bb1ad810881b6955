/**
 * The backup file: the sealed vault envelope exactly as stored (PBKDF2 + AES-256-GCM by src/vault)
 * and the public avatar list. Nothing decrypted is ever written to it. Reading is strict: a file
 * of another format or version, or with a damaged field, is refused naming what is wrong.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireInteger, requireOneOf, requirePlainObject, requireString } from '../../../src/input.js'
import type { VaultEnvelope } from '../../../src/vault/index.js'
import type { AvatarSummary } from '../../messaging/catalogue.js'
import { requireAvatarName } from './vault-record.js'

export const BACKUP_FORMAT = 'nextid-companion-backup'
export const BACKUP_VERSION = 1
/** Far above any real vault (a few KiB); stops a wrong file from being parsed at all. */
export const MAX_BACKUP_CHARS = 1_000_000

const AVATAR_ID = /^0x0[23][0-9a-f]{64}$/
const FIELDS = ['format', 'version', 'exportedAt', 'vault', 'avatars']

export type BackupContents = { exportedAt: string; vault: VaultEnvelope; avatars: AvatarSummary[] }

/** The file's text and its name, dated by `nowMs` (UTC). */
export function encodeBackupFile(vault: VaultEnvelope, avatars: AvatarSummary[], nowMs: number) {
  const exportedAt = new Date(nowMs).toISOString()
  const content = JSON.stringify(
    {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt,
      vault,
      avatars: avatars.map(({ id, name, source, addedAt }) => ({ id, name, source, addedAt })),
    },
    null,
    2,
  )
  return { fileName: `nextid-companion-backup-${exportedAt.slice(0, 10)}.json`, content }
}

/** Parses and checks a backup file's text; InvalidInputError names the bad field. */
export function parseBackupFile(content: unknown): BackupContents {
  const text = requireString(content, 'content')
  if (text.length > MAX_BACKUP_CHARS) throw new InvalidInputError('content', 'is too large to be a backup file')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new InvalidInputError('content', 'is not JSON: not a NextID Companion backup file')
  }
  const file = requirePlainObject(value, 'backup')
  if (file.format !== BACKUP_FORMAT) throw new InvalidInputError('backup.format', 'is not a NextID Companion backup')
  if (file.version !== BACKUP_VERSION) {
    throw new InvalidInputError('backup.version', `expected ${BACKUP_VERSION}, got ${JSON.stringify(file.version)}`)
  }
  const unknown = Object.keys(file).find((key) => !FIELDS.includes(key))
  if (unknown !== undefined) throw new InvalidInputError(`backup.${unknown.slice(0, 40)}`, 'is not a known field')
  const exportedAt = requireString(file.exportedAt, 'backup.exportedAt')
  if (Number.isNaN(Date.parse(exportedAt))) throw new InvalidInputError('backup.exportedAt', 'is not a date')
  // The envelope's own reader (src/vault) checks it field by field when it is opened.
  const vault = requirePlainObject(file.vault, 'backup.vault') as VaultEnvelope
  return { exportedAt, vault, avatars: parseAvatars(file.avatars) }
}

function parseAvatars(value: unknown): AvatarSummary[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidInputError('backup.avatars', 'expected a non-empty array')
  }
  const avatars = value.map((entry, index) => parseAvatar(entry, `backup.avatars[${index}]`))
  if (new Set(avatars.map((avatar) => avatar.id)).size !== avatars.length) {
    throw new InvalidInputError('backup.avatars', 'lists an avatar twice')
  }
  return avatars
}

function parseAvatar(value: unknown, field: string): AvatarSummary {
  const entry = requirePlainObject(value, field)
  const id = requireString(entry.id, `${field}.id`)
  if (!AVATAR_ID.test(id)) throw new InvalidInputError(`${field}.id`, 'is not an avatar id (0x + 66 lowercase hex)')
  return {
    id,
    name: requireAvatarName(entry.name, `${field}.name`),
    source: requireOneOf(entry.source, `${field}.source`, ['created', 'phrase', 'private-key'] as const),
    addedAt: requireInteger(entry.addedAt, `${field}.addedAt`, 0, Number.MAX_SAFE_INTEGER),
  }
}
