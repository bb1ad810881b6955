import { describe, expect, it } from 'vitest'
import type { AvatarSummary } from '../../messaging/catalogue.js'
import { encodeBackupFile, MAX_BACKUP_CHARS, parseBackupFile } from './backup-file.js'

const AVATAR: AvatarSummary = {
  id: `0x02${'ab'.repeat(32)}`,
  name: 'Main',
  source: 'phrase',
  addedAt: 1_700_000_000_000,
}
// Shape only: the envelope's own reader (src/vault) checks it when the backup is opened.
const ENVELOPE = { version: 1, kdf: { name: 'PBKDF2' } } as never
const NOW = Date.UTC(2025, 0, 31, 23, 59, 59)

const fileWith = (change: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(encodeBackupFile(ENVELOPE, [AVATAR], NOW).content), ...change })

describe('backup file', () => {
  it('writes the format, version, date, the envelope as stored and only public avatar facts', () => {
    const extra = { ...AVATAR, secret: 'never' } as AvatarSummary
    const { fileName, content } = encodeBackupFile(ENVELOPE, [extra], NOW)
    expect(fileName).toBe('nextid-companion-backup-2025-01-31.json')
    expect(JSON.parse(content)).toEqual({
      format: 'nextid-companion-backup',
      version: 1,
      exportedAt: '2025-01-31T23:59:59.000Z',
      vault: ENVELOPE,
      avatars: [AVATAR],
    })
    expect(parseBackupFile(content)).toEqual({
      exportedAt: '2025-01-31T23:59:59.000Z',
      vault: ENVELOPE,
      avatars: [AVATAR],
    })
  })

  it('refuses files that are not ours', () => {
    expect(() => parseBackupFile('not json')).toThrow('"content" is not JSON: not a NextID Companion backup file')
    expect(() => parseBackupFile(42)).toThrow('"content" expected string, got number')
    expect(() => parseBackupFile('[]')).toThrow('"backup" expected')
    expect(() => parseBackupFile(fileWith({ format: 'metamask' }))).toThrow(
      '"backup.format" is not a NextID Companion backup',
    )
    expect(() => parseBackupFile(fileWith({ version: 2 }))).toThrow('"backup.version" expected 1, got 2')
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
    ]
    for (const [change, message] of cases) {
      expect(() => parseBackupFile(fileWith(change)), message).toThrow(message)
    }
  })
})
