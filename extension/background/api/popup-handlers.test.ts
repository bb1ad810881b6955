/** The whole background over in-memory storage with real src/vault crypto (minimum PBKDF2 count). */

import { describe, expect, it } from 'vitest'
import { addressOf, parsePublicKey } from '../../../src/crypto/index.js'
import { bootMemoryBackground as boot } from '../../../test/support/extension/memory-background.js'
import type { WalletState } from '../../messaging/catalogue.js'
import { SESSION_KEY } from '../vault/unlock-session.js'
import { VAULT_RECORD_KEY } from '../vault/vault-record.js'

const ABANDON = `${'abandon '.repeat(11)}about`
const ABANDON_ADDRESS = '0x9858effd232b4033e47d90003d41ec34ecaeda94'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const PASSWORD = 'correct horse battery staple'

const unlocked = (state: WalletState) => {
  if (state.status !== 'unlocked') throw new Error(`expected unlocked, got ${state.status}`)
  return state
}

describe('popup handlers', () => {
  it('starts empty, imports the BIP-39 test phrase as the first avatar and unlocks', async () => {
    const { api, stores, alarms, clock } = boot()
    expect(await api.getState(undefined)).toEqual({ status: 'empty' })
    const state = unlocked(await api.importPhrase({ phrase: ABANDON, name: 'Main', password: PASSWORD }))
    expect(addressOf(parsePublicKey(state.currentAvatarId))).toBe(ABANDON_ADDRESS)
    expect(state.avatars).toEqual([{ id: state.currentAvatarId, name: 'Main', source: 'phrase', addedAt: clock.time }])
    expect(state.lockAt).toBe(clock.time + 15 * 60_000)
    expect(alarms).toEqual([state.lockAt])
    // storage.session holds only the exported key (base64 of 32 bytes) and the deadline.
    const session = stores.session.data.get(SESSION_KEY) as Record<string, unknown>
    expect(Object.keys(session).sort()).toEqual(['lockAt', 'vaultKey'])
    expect(session.vaultKey).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(JSON.stringify([...stores.records.data, ...stores.session.data])).not.toContain('abandon')
  })

  it('refuses the same avatar twice and a vault without a password', async () => {
    const { api } = boot()
    await expect(api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'K' })).rejects.toThrow(
      '"password" expected string, got undefined',
    )
    await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'K', password: PASSWORD })
    await expect(
      api.importPrivateKey({ privateKey: `0x${PRIVATE_KEY.toUpperCase()}`, name: 'K2' }),
    ).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    })
  })

  it('creates through the quiz, then adds avatars under the same password', async () => {
    const { api } = boot()
    const draft = await api.beginCreate({ words: 12 })
    const words = draft.phrase.split(' ')
    const wrong = Object.fromEntries(draft.quizPositions.map((position) => [position, 'wrong']))
    await expect(
      api.finishCreate({ draftId: draft.draftId, answers: wrong, name: 'A', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'QUIZ_FAILED',
    })
    const answers = Object.fromEntries(draft.quizPositions.map((position) => [position, words[position - 1] ?? '']))
    const created = unlocked(await api.finishCreate({ draftId: draft.draftId, answers, name: 'A', password: PASSWORD }))
    expect(created.avatars[0]?.source).toBe('created')
    await expect(api.finishCreate({ draftId: draft.draftId, answers, name: 'A' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const added = unlocked(await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Key' }))
    expect(added.avatars.map((avatar) => avatar.name)).toEqual(['A', 'Key'])
    expect(added.currentAvatarId).toBe(added.avatars[1]?.id)
    await api.lock(undefined)
    unlocked(await api.unlock({ password: PASSWORD }))
    expect(await api.revealSecret({ id: created.currentAvatarId, password: PASSWORD })).toEqual({
      kind: 'phrase',
      secret: draft.phrase,
    })
  })

  it('refuses a wrong password with nothing changed', async () => {
    const { api, stores } = boot()
    await api.importPhrase({ phrase: ABANDON, name: 'Main', password: PASSWORD })
    await api.lock(undefined)
    const before = structuredClone([...stores.records.data, ...stores.session.data])
    await expect(api.unlock({ password: 'nope' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
      message: 'wrong password',
    })
    expect([...stores.records.data, ...stores.session.data]).toEqual(before)
    expect((await api.getState(undefined)).status).toBe('locked')
  })

  it('stays unlocked across a restart and locks at the deadline, on the next call', async () => {
    const first = boot()
    const state = unlocked(await first.api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'K', password: PASSWORD }))
    const second = first.restart()
    second.clock.time = first.clock.time + 60_000
    expect(await second.api.renameAvatar({ id: state.currentAvatarId, name: 'Renamed' })).toMatchObject({
      status: 'unlocked',
      avatars: [{ name: 'Renamed' }],
    })
    expect(await second.api.revealSecret({ id: state.currentAvatarId, password: PASSWORD })).toEqual({
      kind: 'private-key',
      secret: `0x${PRIVATE_KEY}`,
    })
    second.clock.time = state.lockAt
    expect((await second.api.getState(undefined)).status).toBe('locked')
    expect(second.stores.session.data.has(SESSION_KEY)).toBe(false)
    await expect(second.api.selectAvatar({ id: state.currentAvatarId })).rejects.toMatchObject({ code: 'LOCKED' })
  })

  it('lock rejects a pending request', async () => {
    const { api } = boot()
    const state = unlocked(await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'K', password: PASSWORD }))
    const reveal = api.revealSecret({ id: state.currentAvatarId, password: PASSWORD }).catch((error: unknown) => error)
    const bindings = api.getBindings(undefined).catch((error: unknown) => error)
    expect(await api.lock(undefined)).toEqual({ status: 'locked', avatars: state.avatars })
    expect(await bindings).toMatchObject({ code: 'LOCKED' })
    expect(await reveal).toMatchObject({ code: 'LOCKED' })
  })

  it('removes avatars after the password, the last one empties the vault', async () => {
    const { api } = boot()
    const one = unlocked(await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'K', password: PASSWORD }))
    const two = unlocked(await api.importPhrase({ phrase: ABANDON, name: 'P' }))
    await expect(api.removeAvatar({ id: one.currentAvatarId, password: 'bad' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    })
    const after = unlocked(await api.removeAvatar({ id: two.currentAvatarId, password: PASSWORD }))
    expect(after.avatars.map((avatar) => avatar.id)).toEqual([one.currentAvatarId])
    expect(after.currentAvatarId).toBe(one.currentAvatarId)
    expect(await api.removeAvatar({ id: one.currentAvatarId, password: PASSWORD })).toEqual({ status: 'empty' })
  })

  it('forgot password: a phrase or a backup replaces the vault only when told so and only once it checks out', async () => {
    const { api, stores } = boot()
    const phraseAvatar = unlocked(await api.importPhrase({ phrase: ABANDON, name: 'Main', password: PASSWORD }))
    const backup = await api.exportBackup({ password: PASSWORD })
    await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Key' })
    await api.lock(undefined)
    const before = stores.records.data.get(VAULT_RECORD_KEY)

    const restore = { phrase: ABANDON, name: 'Restored', password: 'a new password' }
    // @ts-expect-error the API needs replaceExisting: true, and says so at run time too
    await expect(api.replaceVaultWithPhrase(restore)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(
      api.replaceVaultWithPhrase({ ...restore, phrase: `${'abandon '.repeat(12)}`, replaceExisting: true }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(
      api.importBackup({ content: backup.content, password: 'not it', replaceExisting: true }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    await expect(api.importBackup({ content: backup.content, password: PASSWORD })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    })
    expect(stores.records.data.get(VAULT_RECORD_KEY)).toEqual(before)

    const restored = unlocked(await api.replaceVaultWithPhrase({ ...restore, replaceExisting: true }))
    expect(restored.avatars.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: phraseAvatar.currentAvatarId, name: 'Restored' },
    ])
    await api.lock(undefined)
    await expect(api.unlock({ password: PASSWORD })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    unlocked(await api.unlock({ password: 'a new password' }))

    await api.lock(undefined)
    const fromBackup = unlocked(
      await api.importBackup({ content: backup.content, password: PASSWORD, replaceExisting: true }),
    )
    expect(fromBackup.avatars.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: phraseAvatar.currentAvatarId, name: 'Main' },
    ])
  })

  it('answers a corrupted or foreign vault record with CORRUPT_VAULT', async () => {
    const { api, stores } = boot()
    await stores.records.set(VAULT_RECORD_KEY, { version: 7 })
    await expect(api.getState(undefined)).rejects.toMatchObject({
      code: 'CORRUPT_VAULT',
      message: 'stored vault is corrupt: "record.version" expected 1',
    })
  })

  it('refuses malformed params with INVALID_INPUT', async () => {
    const { api } = boot()
    await expect(api.importPhrase(null as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(api.importPhrase({ phrase: 'not a phrase', name: 'x', password: 'p' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(api.unlock({ password: PASSWORD })).rejects.toMatchObject({ code: 'NO_VAULT' })
  })
})
