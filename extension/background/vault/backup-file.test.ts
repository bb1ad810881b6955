import { describe, expect, it } from 'vitest'
import type { AvatarSummary, ConnectedSite, Settings } from '../../messaging/catalogue.js'
import { ENDPOINT_PRESETS } from '../../messaging/service-endpoints.js'
import { type BackupSource, encodeBackupFile, MAX_BACKUP_CHARS, parseBackupFile } from './backup-file.js'

const AVATAR: AvatarSummary = {
  id: `0x02${'ab'.repeat(32)}`,
  name: 'Main',
  source: 'phrase',
  addedAt: 1_700_000_000_000,
}
const SETTINGS: Settings = {
  endpoints: ENDPOINT_PRESETS.local,
  autoLockMinutes: 30,
  dnsResolverUrl: 'https://dns.google/resolve',
}
const SITE: ConnectedSite = { origin: 'https://app.example', avatarId: AVATAR.id, grantedAt: 1_700_000_000_500 }
// Shape only: the envelope's own reader (src/vault) checks it when the backup is opened.
const ENVELOPE = { version: 1, kdf: { name: 'PBKDF2' } } as never
const NOW = Date.UTC(2025, 0, 31, 23, 59, 59)
const SOURCE: BackupSource = { vault: ENVELOPE, avatars: [AVATAR], settings: SETTINGS, connectedSites: [SITE] }

const fileWith = (change: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(encodeBackupFile(SOURCE, NOW).content), ...change })

describe('backup file', () => {
  it('writes the format, version, date, the envelope as stored, public avatar facts, settings and sites', () => {
    const extra = { ...AVATAR, secret: 'never' } as AvatarSummary
    const strayed = { origin: 'https://old.example', avatarId: `0x03${'cd'.repeat(32)}`, grantedAt: 1 }
    const { fileName, content } = encodeBackupFile(
      { ...SOURCE, avatars: [extra], connectedSites: [SITE, strayed] },
      NOW,
    )
    expect(fileName).toBe('nextid-companion-backup-2025-01-31.json')
    expect(JSON.parse(content)).toEqual({
      format: 'nextid-companion-backup',
      version: 2,
      exportedAt: '2025-01-31T23:59:59.000Z',
      vault: ENVELOPE,
      avatars: [AVATAR],
      settings: SETTINGS,
      // A site whose avatar left the vault sees nothing today: it is not carried on.
      connectedSites: [SITE],
    })
    expect(parseBackupFile(content)).toEqual({
      exportedAt: '2025-01-31T23:59:59.000Z',
      vault: ENVELOPE,
      avatars: [AVATAR],
      settings: SETTINGS,
      connectedSites: [SITE],
    })
  })

  it('still reads a version 1 file, which holds neither settings nor sites', () => {
    const v1 = { version: 1, settings: undefined, connectedSites: undefined }
    expect(parseBackupFile(fileWith(v1))).toEqual({
      exportedAt: '2025-01-31T23:59:59.000Z',
      vault: ENVELOPE,
      avatars: [AVATAR],
    })
    expect(() => parseBackupFile(fileWith({ version: 1 }))).toThrow('"backup.settings" is not a known field')
  })

  it('refuses files that are not ours', () => {
    expect(() => parseBackupFile('not json')).toThrow('"content" is not JSON: not a NextID Companion backup file')
    expect(() => parseBackupFile(42)).toThrow('"content" expected string, got number')
    expect(() => parseBackupFile('[]')).toThrow('"backup" expected')
    expect(() => parseBackupFile(fileWith({ format: 'metamask' }))).toThrow(
      '"backup.format" is not a NextID Companion backup',
    )
    expect(() => parseBackupFile(fileWith({ version: 3 }))).toThrow('"backup.version" expected 1 or 2, got 3')
    expect(() => parseBackupFile(fileWith({ version: '2' }))).toThrow('"backup.version" expected 1 or 2, got "2"')
    expect(() => parseBackupFile(' '.repeat(MAX_BACKUP_CHARS + 1))).toThrow(
      '"content" is too large to be a backup file',
    )
  })

  it('names each damaged field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ extra: 1 }, '"backup.extra" is not a known field'],
      [{ exportedAt: 'yesterday' }, '"backup.exportedAt" is not a date'],
      [{ vault: 'sealed' }, '"backup.vault" expected'],
      [{ avatars: [] }, '"backup.avatars" expected a non-empty array'],
      [
        { avatars: [{ ...AVATAR, id: '0x1234' }] },
        '"backup.avatars[0].id" is not an avatar id (0x + 66 lowercase hex)',
      ],
      [{ avatars: [{ ...AVATAR, name: ' ' }] }, '"backup.avatars[0].name" must not be blank'],
      [{ avatars: [{ ...AVATAR, source: 'stolen' }] }, '"backup.avatars[0].source"'],
      [{ avatars: [{ ...AVATAR, addedAt: -1 }] }, '"backup.avatars[0].addedAt"'],
      [{ avatars: [AVATAR, AVATAR] }, '"backup.avatars" lists an avatar twice'],
      [{ settings: undefined }, '"settings" expected an object, got undefined'],
      [{ settings: { ...SETTINGS, autoLockMinutes: undefined } }, '"settings.autoLockMinutes" is missing'],
      [
        { settings: { ...SETTINGS, endpoints: { ...SETTINGS.endpoints, kvServiceUrl: 'file:///etc/passwd' } } },
        '"settings.endpoints.kvServiceUrl" must be an http or https URL, got file:',
      ],
      [{ settings: { ...SETTINGS, theme: 'dark' } }, '"settings.theme" is not a known setting'],
      [{ connectedSites: undefined }, '"backup.connectedSites" expected an array'],
      [
        { connectedSites: [{ ...SITE, origin: 'https://app.example/path' }] },
        '"backup.connectedSites[0].origin" is not an http or https origin',
      ],
      [
        { connectedSites: [{ ...SITE, origin: 'chrome-extension://abc' }] },
        '"backup.connectedSites[0].origin" is not an http or https origin',
      ],
      [
        { connectedSites: [{ ...SITE, avatarId: `0x03${'cd'.repeat(32)}` }] },
        '"backup.connectedSites[0].avatarId" is not one of the avatars in the file',
      ],
      [{ connectedSites: [{ ...SITE, grantedAt: 1.5 }] }, '"backup.connectedSites[0].grantedAt"'],
      [{ connectedSites: [SITE, SITE] }, '"backup.connectedSites" lists a site twice'],
    ]
    for (const [change, message] of cases) {
      expect(() => parseBackupFile(fileWith(change)), message).toThrow(message)
    }
  })
})
