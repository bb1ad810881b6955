/**
 * Backups through the popup handlers, over in-memory storage with real src/vault crypto: restore
 * brings the settings and connected sites back, merge adds only the avatars the vault lacks.
 */

import { describe, expect, it } from 'vitest'
import { bootMemoryBackground as boot } from '../../../test/support/extension/memory-background.js'
import type { ConnectedSite, WalletState } from '../../messaging/catalogue.js'
import { ENDPOINT_PRESETS } from '../../messaging/service-endpoints.js'
import { PERMISSIONS_KEY } from '../dapp/site-permissions.js'
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../storage/settings.js'
import type { RecordStore } from '../storage/storage-ports.js'
import { VAULT_RECORD_KEY } from '../vault/vault-record.js'

const ABANDON = `${'abandon '.repeat(11)}about`
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const PASSWORD = 'correct horse battery staple'
const BACKUP_PASSWORD = 'the password of the backup'
const LOCAL = { endpoints: ENDPOINT_PRESETS.local, autoLockMinutes: 30, dnsResolverUrl: 'https://dns.google/resolve' }

const unlocked = (state: WalletState) => {
  if (state.status !== 'unlocked') throw new Error(`expected unlocked, got ${state.status}`)
  return state
}
const site = (origin: string, avatarId: string): ConnectedSite => ({ origin, avatarId, grantedAt: 1_700_000_000_000 })

/** A backup of two avatars ('Phrase' and 'Key'), local-server settings and three connected sites. */
async function makeBackup() {
  const { api, permissions } = boot()
  const phrase = unlocked(await api.importPhrase({ phrase: ABANDON, name: 'Phrase', password: BACKUP_PASSWORD }))
  const key = unlocked(await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Key' }))
  await api.updateSettings(LOCAL)
  const sites = [
    site('https://app.example', key.currentAvatarId),
    site('https://shared.example', key.currentAvatarId),
    site('http://127.0.0.1:3000', phrase.currentAvatarId),
  ]
  for (const entry of sites) await permissions.grant(entry)
  // A site of an avatar that left the vault sees nothing: it is not carried on.
  await permissions.grant(site('https://gone.example', `0x02${'ab'.repeat(32)}`))
  const { content } = await api.exportBackup({ password: BACKUP_PASSWORD })
  return { content, phraseId: phrase.currentAvatarId, keyId: key.currentAvatarId, sites }
}

/** Every write to `store`, by kind and keys (to see that a change is one transaction). */
function recordWrites(store: RecordStore) {
  const writes: string[][] = []
  const { set, setMany } = store
  store.set = (key, value) => {
    writes.push(['set', key])
    return set(key, value)
  }
  store.setMany = (entries) => {
    writes.push(['setMany', ...Object.keys(entries).sort()])
    return setMany(entries)
  }
  return writes
}

/** Rewrites the backup file's JSON. */
const edit = (content: string, change: (file: Record<string, unknown>) => void) => {
  const file = JSON.parse(content)
  change(file)
  return JSON.stringify(file)
}

describe('restore', () => {
  it('brings the settings and connected sites back into an empty extension, in one write', async () => {
    const backup = await makeBackup()
    const { api, stores, permissions, clock } = boot()
    const writes = recordWrites(stores.records)
    const state = unlocked(await api.importBackup({ content: backup.content, password: BACKUP_PASSWORD }))
    expect(state.avatars.map((avatar) => avatar.name)).toEqual(['Phrase', 'Key'])
    expect(await api.getSettings(undefined)).toEqual(LOCAL)
    // The restored auto-lock time is the one the session starts with.
    expect(state.lockAt).toBe(clock.time + 30 * 60_000)
    expect(await permissions.list()).toEqual(backup.sites)
    expect(writes).toEqual([['setMany', PERMISSIONS_KEY, SETTINGS_KEY, VAULT_RECORD_KEY]])
  })

  it('restores a version 1 backup (avatars only) and leaves the settings as they were', async () => {
    const backup = await makeBackup()
    const old = edit(backup.content, (file) => {
      file.version = 1
      delete file.settings
      delete file.connectedSites
    })
    const { api, permissions } = boot()
    unlocked(await api.importBackup({ content: old, password: BACKUP_PASSWORD }))
    expect(await api.getSettings(undefined)).toEqual(DEFAULT_SETTINGS)
    expect(await permissions.list()).toEqual([])
  })

  it('refuses a file with a bad settings or sites field, and stores nothing', async () => {
    const backup = await makeBackup()
    const { api, stores } = boot()
    const bad = [
      edit(backup.content, (file) => {
        file.settings = { ...LOCAL, endpoints: { ...LOCAL.endpoints, proofServiceUrl: 'javascript:alert(1)' } }
      }),
      edit(backup.content, (file) => {
        file.settings = { ...LOCAL, autoLockMinutes: 0 }
      }),
      edit(backup.content, (file) => {
        file.connectedSites = [site('https://app.example', `0x02${'ab'.repeat(32)}`)]
      }),
      edit(backup.content, (file) => {
        file.connectedSites = [site('https://app.example/login', backup.keyId)]
      }),
    ]
    for (const content of bad) {
      await expect(api.importBackup({ content, password: BACKUP_PASSWORD })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      })
    }
    expect([...stores.records.data.keys()]).toEqual([])
  })

  it('forgot password: replaces the vault, its settings and its sites with the backup’s', async () => {
    const backup = await makeBackup()
    const { api, permissions } = boot()
    const mine = unlocked(await api.importPhrase({ phrase: ABANDON, name: 'Mine', password: PASSWORD }))
    await permissions.grant(site('https://mine.example', mine.currentAvatarId))
    await api.lock(undefined)
    const state = unlocked(
      await api.importBackup({ content: backup.content, password: BACKUP_PASSWORD, replaceExisting: true }),
    )
    expect(state.avatars.map((avatar) => avatar.name)).toEqual(['Phrase', 'Key'])
    expect(await api.getSettings(undefined)).toEqual(LOCAL)
    expect(await permissions.list()).toEqual(backup.sites)
  })
})

describe('merge', () => {
  it('adds the avatars the vault lacks, names those it has, keeps the settings and the sites chosen here', async () => {
    const backup = await makeBackup()
    const { api, stores, permissions } = boot()
    const mine = unlocked(await api.importPhrase({ phrase: ABANDON, name: 'Mine', password: PASSWORD }))
    await permissions.grant(site('https://shared.example', mine.currentAvatarId))
    const writes = recordWrites(stores.records)

    const merged = await api.mergeBackup({ content: backup.content, password: BACKUP_PASSWORD })
    expect(merged.added).toEqual([{ id: backup.keyId, name: 'Key' }])
    expect(merged.alreadyPresent).toEqual([{ id: backup.phraseId, name: 'Phrase', inVaultAs: 'Mine' }])
    // shared.example keeps the avatar chosen here; 127.0.0.1:3000 is for the avatar not added.
    expect(merged.sitesAdded).toEqual(['https://app.example'])
    const state = unlocked(merged.state)
    expect(state.avatars.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: backup.phraseId, name: 'Mine' },
      { id: backup.keyId, name: 'Key' },
    ])
    expect(state.currentAvatarId).toBe(backup.keyId)
    expect(await api.getSettings(undefined)).toEqual(DEFAULT_SETTINGS)
    expect(await permissions.list()).toEqual([
      site('https://shared.example', mine.currentAvatarId),
      site('https://app.example', backup.keyId),
    ])
    expect(writes).toEqual([['setMany', PERMISSIONS_KEY, VAULT_RECORD_KEY]])

    // The added key is sealed under the vault's own password now.
    await api.lock(undefined)
    await expect(api.unlock({ password: BACKUP_PASSWORD })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    unlocked(await api.unlock({ password: PASSWORD }))
    expect(await api.revealSecret({ id: backup.keyId, password: PASSWORD })).toEqual({
      kind: 'private-key',
      secret: `0x${PRIVATE_KEY}`,
    })
  })

  it('changes nothing when every avatar is already there, and says so', async () => {
    const backup = await makeBackup()
    const { api, stores } = boot()
    await api.importPhrase({ phrase: ABANDON, name: 'Mine', password: PASSWORD })
    await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Work' })
    const before = structuredClone([...stores.records.data])
    const merged = await api.mergeBackup({ content: backup.content, password: BACKUP_PASSWORD })
    expect(merged).toMatchObject({
      added: [],
      alreadyPresent: [
        { id: backup.phraseId, name: 'Phrase', inVaultAs: 'Mine' },
        { id: backup.keyId, name: 'Key', inVaultAs: 'Work' },
      ],
      sitesAdded: [],
    })
    expect([...stores.records.data]).toEqual(before)
  })

  it('merges a version 1 backup: its avatars, no sites', async () => {
    const backup = await makeBackup()
    const old = edit(backup.content, (file) => {
      file.version = 1
      delete file.settings
      delete file.connectedSites
    })
    const { api, permissions } = boot()
    await api.importPhrase({ phrase: ABANDON, name: 'Mine', password: PASSWORD })
    const merged = await api.mergeBackup({ content: old, password: BACKUP_PASSWORD })
    expect(merged.added.map((avatar) => avatar.name)).toEqual(['Key'])
    expect(merged.sitesAdded).toEqual([])
    expect(await permissions.list()).toEqual([])
  })

  it('refuses a wrong password, a damaged file, a locked or missing vault, and changes nothing', async () => {
    const backup = await makeBackup()
    const { api, stores } = boot()
    const empty = boot()
    await expect(empty.api.mergeBackup({ content: backup.content, password: BACKUP_PASSWORD })).rejects.toMatchObject({
      code: 'NO_VAULT',
    })
    await api.importPrivateKey({ privateKey: `0x${'11'.repeat(32)}`, name: 'Other', password: PASSWORD })
    const before = structuredClone([...stores.records.data])

    await expect(api.mergeBackup({ content: backup.content, password: PASSWORD })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    })
    const swapped = edit(backup.content, (file) => {
      const avatars = file.avatars as { id: string }[]
      file.avatars = avatars.map((avatar) => ({
        ...avatar,
        id: avatar.id === backup.keyId ? backup.phraseId : avatar.id,
      }))
    })
    await expect(api.mergeBackup({ content: swapped, password: BACKUP_PASSWORD })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: '"backup.avatars" lists an avatar twice',
    })
    const foreign = edit(backup.content, (file) => {
      const [first] = file.avatars as { id: string }[]
      file.avatars = [first, { ...first, id: `0x02${'ab'.repeat(32)}` }]
      file.connectedSites = []
    })
    await expect(api.mergeBackup({ content: foreign, password: BACKUP_PASSWORD })).rejects.toMatchObject({
      code: 'CORRUPT_VAULT',
      message: 'backup is corrupt: the avatar list does not match the sealed secrets',
    })
    const badSettings = edit(backup.content, (file) => {
      file.settings = { ...LOCAL, autoLockMinutes: 'soon' }
    })
    await expect(api.mergeBackup({ content: badSettings, password: BACKUP_PASSWORD })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect([...stores.records.data]).toEqual(before)

    await api.lock(undefined)
    await expect(api.mergeBackup({ content: backup.content, password: BACKUP_PASSWORD })).rejects.toMatchObject({
      code: 'LOCKED',
    })
    expect([...stores.records.data]).toEqual(before)
  })
})
