/**
 * The backup file: the sealed vault envelope exactly as stored (PBKDF2 + AES-256-GCM by src/vault),
 * the public avatar list and, from version 2, the settings and the connected sites (public too: a
 * service URL, an origin, which avatar it sees). Nothing decrypted is ever written to it. Reading
 * is strict: a file of another format or version, or with a damaged field, is refused naming what
 * is wrong. Version 1 files (without settings and sites) are still read.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireInteger, requireOneOf, requirePlainObject, requireString } from '../../../src/input.js'
import type { VaultEnvelope } from '../../../src/vault/index.js'
import type { AvatarSummary, ConnectedSite, Settings } from '../../messaging/catalogue.js'
import { parseConnectedSite } from '../dapp/site-permissions.js'
import { parseSettings } from '../storage/settings.js'
import { requireAvatarName } from './vault-record.js'

export const BACKUP_FORMAT = 'nextid-companion-backup'
export const BACKUP_VERSION = 2
/** Far above any real vault (a few KiB); stops a wrong file from being parsed at all. */
export const MAX_BACKUP_CHARS = 1_000_000

const AVATAR_ID = /^0x0[23][0-9a-f]{64}$/
const FIELDS_OF_VERSION: Record<number, string[]> = {
  1: ['format', 'version', 'exportedAt', 'vault', 'avatars'],
  2: ['format', 'version', 'exportedAt', 'vault', 'avatars', 'settings', 'connectedSites'],
}

/** What a file holds; `settings` and `connectedSites` are absent from version 1 files. */
export type BackupContents = {
  exportedAt: string
  vault: VaultEnvelope
  avatars: AvatarSummary[]
  settings?: Settings
  connectedSites?: ConnectedSite[]
}

/** What a backup is made of, as the vault, the settings and the permission store hold it now. */
export type BackupSource = {
  vault: VaultEnvelope
  avatars: AvatarSummary[]
  settings: Settings
  connectedSites: ConnectedSite[]
}

/** The file's text and its name, dated by `nowMs` (UTC). Sites of avatars not in the vault are left out. */
export function encodeBackupFile(source: BackupSource, nowMs: number) {
  const exportedAt = new Date(nowMs).toISOString()
  const ids = new Set(source.avatars.map((avatar) => avatar.id))
  const content = JSON.stringify(
    {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt,
      vault: source.vault,
      avatars: source.avatars.map(({ id, name, source, addedAt }) => ({ id, name, source, addedAt })),
      settings: {
        endpoints: source.settings.endpoints,
        autoLockMinutes: source.settings.autoLockMinutes,
        dnsResolverUrl: source.settings.dnsResolverUrl,
      },
      connectedSites: source.connectedSites
        .filter((site) => ids.has(site.avatarId))
        .map(({ origin, avatarId, grantedAt }) => ({ origin, avatarId, grantedAt })),
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
  const fields = typeof file.version === 'number' ? FIELDS_OF_VERSION[file.version] : undefined
  if (!fields) {
    throw new InvalidInputError(
      'backup.version',
      `expected 1 or ${BACKUP_VERSION}, got ${JSON.stringify(file.version)}`,
    )
  }
  const unknown = Object.keys(file).find((key) => !fields.includes(key))
  if (unknown !== undefined) throw new InvalidInputError(`backup.${unknown.slice(0, 40)}`, 'is not a known field')
  const exportedAt = requireString(file.exportedAt, 'backup.exportedAt')
  if (Number.isNaN(Date.parse(exportedAt))) throw new InvalidInputError('backup.exportedAt', 'is not a date')
  // The envelope's own reader (src/vault) checks it field by field when it is opened.
  const vault = requirePlainObject(file.vault, 'backup.vault') as VaultEnvelope
  const avatars = parseAvatars(file.avatars)
  if (file.version === 1) return { exportedAt, vault, avatars }
  return {
    exportedAt,
    vault,
    avatars,
    // The same checks as a settings change from the popup (storage/settings.ts).
    settings: parseSettings(file.settings),
    connectedSites: parseSites(file.connectedSites, avatars),
  }
}

/** The connected sites: one per origin, each for one of the file's own avatars. */
function parseSites(value: unknown, avatars: AvatarSummary[]): ConnectedSite[] {
  if (!Array.isArray(value)) throw new InvalidInputError('backup.connectedSites', 'expected an array')
  const sites = value.map((entry, index) => {
    const field = `backup.connectedSites[${index}]`
    const site = parseConnectedSite(entry, field)
    if (!avatars.some((avatar) => avatar.id === site.avatarId)) {
      throw new InvalidInputError(`${field}.avatarId`, 'is not one of the avatars in the file')
    }
    return site
  })
  if (new Set(sites.map((site) => site.origin)).size !== sites.length) {
    throw new InvalidInputError('backup.connectedSites', 'lists a site twice')
  }
  return sites
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
