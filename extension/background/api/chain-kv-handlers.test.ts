/**
 * Chain, revoke, KV and backup through the popup handlers against a real local ProofService and
 * KVService (server/start-server.ts on PGlite), with real src/vault crypto (minimum PBKDF2 count).
 */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../server/config.js'
import { type ServerHandles, startServer } from '../../../server/start-server.js'
import { createProofServiceClient, type FetchFunction } from '../../../src/client/index.js'
import { addressOf, encodeBase64, getPublicKey, hexToBytes, signPersonalMessage } from '../../../src/crypto/index.js'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import { createMemoryFeatures } from '../../../test/support/extension/memory-features.js'
import { createMemoryMaskImport } from '../../../test/support/extension/memory-mask-import.js'
import type { WalletState } from '../../messaging/catalogue.js'
import { createSitePermissions } from '../dapp/site-permissions.js'
import { createAwaitingRequests, REQUESTS_KEY } from '../storage/awaiting-requests.js'
import { createSettingsStore } from '../storage/settings.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { createAvatarVault } from '../vault/avatar-vault.js'
import { createBackupFlow } from '../vault/backup-flow.js'
import { createPhraseDrafts } from '../vault/phrase-drafts.js'
import { createVaultSession } from '../vault/vault-session.js'
import { createPopupHandlers } from './popup-handlers.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const PASSWORD = 'correct horse battery staple'
const WALLET_KEY = hexToBytes('22'.repeat(32), 'wallet')
const WALLET = addressOf(getPublicKey(WALLET_KEY))
const options = { iterations: MIN_PBKDF2_ITERATIONS }
const realFetch: FetchFunction = (input, init) => fetch(input, init)

let server: ServerHandles
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-background-'))
  server = await startServer(loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
})

afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

type Stores = ReturnType<typeof newStores>
const newStores = () => ({ records: createMemoryStore(), session: createMemoryStore(), local: createMemoryStore() })

/** One "service worker" over the given stores; a restart is a new boot over the same stores. */
function boot(stores: Stores = newStores(), fetch: FetchFunction = realFetch) {
  const now = () => Date.now()
  const drafts = createPhraseDrafts(stores.session, now)
  const requests = createAwaitingRequests(stores.session, now)
  const alarm = { set: async () => {}, clear: async () => {} }
  // Settings and site permissions share the vault's store, as in the extension (background/index.ts).
  const settings = createSettingsStore(stores.records)
  const permissions = createSitePermissions(stores.records)
  const onLock = async () => {
    await Promise.all([drafts.clear(), requests.clear()])
  }
  const session = createVaultSession({ ...stores, settings, alarm, now, vaultOptions: options, onLock })
  const deps = { records: stores.records, now, vaultOptions: options }
  const avatars = createAvatarVault(session, deps)
  const api = createPopupHandlers({
    version: '0',
    startedAt: now(),
    session,
    avatars,
    backup: createBackupFlow(session, avatars, { ...deps, settings, permissions }),
    drafts,
    settings,
    requests,
    fetch,
    now,
    ...createMemoryFeatures({ session, settings, requests, fetch, now, store: stores.local }),
    mask: createMemoryMaskImport({ session, settings, fetch, now, stores, vaultOptions: options }).mask,
  })
  return { api, stores }
}

/** A fresh avatar (the fixed key) on the local server, with an Ethereum wallet bound to it (§6.4). */
async function setupBound(api: ReturnType<typeof boot>['api']) {
  await api.updateSettings({
    endpoints: { proofServiceUrl: server.proofServiceUrl ?? '', kvServiceUrl: server.kvServiceUrl ?? '' },
  })
  const state = await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD })
  if (state.status !== 'unlocked') throw new Error('expected unlocked')
  const avatar = state.currentAvatarId
  const client = createProofServiceClient({ baseUrl: server.proofServiceUrl ?? '', fetch: realFetch })
  if (!(await client.queryAvatarBindings(avatar))?.proofs.length) {
    const payload = await client.createPayload({
      action: 'create',
      platform: 'ethereum',
      identity: WALLET,
      publicKey: avatar,
    })
    await client.submitProof({
      action: 'create',
      platform: 'ethereum',
      identity: WALLET,
      publicKey: avatar,
      uuid: payload.uuid,
      createdAt: payload.createdAt,
      signature: signPersonalMessage(payload.signPayload, hexToBytes(PRIVATE_KEY, 'key')),
      walletSignature: encodeBase64(signPersonalMessage(payload.signPayload, WALLET_KEY)),
    })
  }
  return avatar
}

describe('proof chain, revoke, KV and backup against a local server', () => {
  it('verifies the chain, and a tampered signature shows signature-mismatch', async () => {
    const { api, stores } = boot()
    const avatar = await setupBound(api)
    const chain = await api.getProofChain(undefined)
    expect(chain.valid).toBe(true)
    expect(chain.links).toHaveLength(1)
    expect(chain.links[0]).toMatchObject({
      action: 'create',
      platform: 'ethereum',
      identity: WALLET,
      proofLocation: '',
      status: 'verified',
      signer: 'avatar',
      reason: '',
    })
    // What the signed payload says, read from it: the popup words it.
    expect(chain.links[0]?.payload).toEqual({ action: 'create', platform: 'ethereum', identity: WALLET, avatar })
    expect(typeof chain.links[0]?.createdAt).toBe('number')

    // Another key's signature over the same payload, as a lying service would send it.
    const tampering: FetchFunction = async (input, init) => {
      const response = await realFetch(input, init)
      if (!String(input).includes('/v1/proofchain')) return response
      const body = (await response.json()) as { proof_chain: { signature: string; signature_payload: string }[] }
      for (const link of body.proof_chain) {
        link.signature = encodeBase64(signPersonalMessage(link.signature_payload, WALLET_KEY))
      }
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
    }
    const tampered = await boot(stores, tampering).api.getProofChain(undefined)
    expect(tampered.valid).toBe(false)
    expect(tampered.links[0]).toMatchObject({
      status: 'signature-mismatch',
      reason: 'the signature does not recover to this avatar',
    })
    expect(tampered.links[0]).not.toHaveProperty('signer')
    expect(avatar).toMatch(/^0x0[23]/)
  })

  it('prepares a revoke, survives a restart, confirms it; lock and cancel drop prepared requests', async () => {
    const first = boot()
    const avatar = await setupBound(first.api)
    const prepared = await first.api.prepareRevoke({
      platform: 'ethereum',
      identity: WALLET.toUpperCase().replace('0X', '0x'),
    })
    expect(prepared.payload).toEqual({ action: 'delete', platform: 'ethereum', identity: WALLET, avatar })
    expect(JSON.parse(prepared.signPayload)).toMatchObject({ action: 'delete', platform: 'ethereum', identity: WALLET })
    expect(JSON.stringify(first.stores.session.data.get(REQUESTS_KEY))).not.toContain(PRIVATE_KEY)

    // Lock between prepare and confirm: LOCKED while locked, and the request is gone after unlock.
    await first.api.lock(undefined)
    expect(first.stores.session.data.has(REQUESTS_KEY)).toBe(false)
    await expect(first.api.confirmRevoke({ requestId: prepared.requestId })).rejects.toMatchObject({ code: 'LOCKED' })
    await first.api.unlock({ password: PASSWORD })
    await expect(first.api.confirmRevoke({ requestId: prepared.requestId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })

    const cancelled = await first.api.prepareRevoke({ platform: 'ethereum', identity: WALLET })
    await first.api.cancelRequest({ requestId: cancelled.requestId })
    await expect(first.api.confirmRevoke({ requestId: cancelled.requestId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(first.api.cancelRequest({ requestId: cancelled.requestId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })

    const again = await first.api.prepareRevoke({ platform: 'ethereum', identity: WALLET })
    const restarted = boot(first.stores)
    expect(await restarted.api.confirmRevoke({ requestId: again.requestId })).toMatchObject({
      kind: 'revoke',
      step: 'done',
    })
    expect(await restarted.api.getBindings(undefined)).toEqual([])
    const chain = await restarted.api.getProofChain(undefined)
    expect(chain.valid).toBe(true)
    expect(chain.links.map((link) => [link.action, link.status])).toEqual([
      ['create', 'verified'],
      ['delete', 'verified'],
    ])
    await expect(restarted.api.confirmRevoke({ requestId: again.requestId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(restarted.api.prepareRevoke({ platform: 'myspace', identity: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(avatar).toBeTruthy()
  })

  it('prepares a KV patch with its changes, confirms it, and reads it back', async () => {
    const { api } = boot()
    const avatar = await setupBound(api)
    const first = await api.prepareKvPatch({ platform: 'nextid', identity: avatar, patch: { theme: 'dark', n: 1 } })
    expect(first.changes).toEqual([
      { path: ['n'], kind: 'added', after: 1 },
      { path: ['theme'], kind: 'added', after: 'dark' },
    ])
    const stored = await api.confirmKvPatch({ requestId: first.requestId })
    expect(stored).toContainEqual({ platform: 'nextid', identity: avatar, content: { theme: 'dark', n: 1 } })

    const second = await api.prepareKvPatch({
      platform: 'nextid',
      identity: avatar,
      patch: { n: null, theme: 'light' },
    })
    expect(second.changes).toEqual([
      { path: ['n'], kind: 'deleted', before: 1 },
      { path: ['theme'], kind: 'changed', before: 'dark', after: 'light' },
    ])
    await api.confirmKvPatch({ requestId: second.requestId })
    expect(await api.getKv(undefined)).toContainEqual({
      platform: 'nextid',
      identity: avatar,
      content: { theme: 'light' },
    })

    await expect(
      api.confirmRevoke({
        requestId: (await api.prepareKvPatch({ platform: 'nextid', identity: avatar, patch: { x: 1 } })).requestId,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      api.prepareKvPatch({ platform: 'nextid', identity: avatar, patch: JSON.parse('{"__proto__":{"x":1}}') }),
    ).rejects.toThrow('"patch" must not contain the key "__proto__"')
    await expect(api.prepareKvPatch({ platform: 'nextid', identity: '', patch: {} })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })

  it('refuses a patch that changes nothing, and replaces or deletes the whole content only when told twice', async () => {
    const { api } = boot()
    const avatar = await setupBound(api)
    const namespace = { platform: 'nextid', identity: avatar }
    const first = await api.prepareKvPatch({ ...namespace, patch: { keep: 1 } })
    expect(first.wholeContent).toBeNull()
    const kept = await api.confirmKvPatch({ requestId: first.requestId })
    await expect(api.prepareKvPatch({ ...namespace, patch: { keep: 1 } })).rejects.toMatchObject({ code: 'NO_CHANGE' })
    await expect(api.prepareKvPatch({ ...namespace, patch: { gone: null } })).rejects.toMatchObject({
      code: 'NO_CHANGE',
    })

    const wipe = await api.prepareKvPatch({ ...namespace, patch: null })
    expect(wipe.wholeContent).toBe('deletes')
    await expect(api.confirmKvPatch({ requestId: wipe.requestId })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('"replaceWhole" must be true'),
    })
    expect(await api.getKv(undefined)).toEqual(kept)
    const replace = await api.prepareKvPatch({ ...namespace, patch: [1, 2] })
    expect(replace.wholeContent).toBe('replaces')
    await api.confirmKvPatch({ requestId: replace.requestId, replaceWhole: true })
    expect(await api.getKv(undefined)).toEqual([{ ...namespace, content: [1, 2] }])
  })
})

describe('backup', () => {
  const unlockedId = (state: WalletState) => (state.status === 'unlocked' ? state.currentAvatarId : state.status)

  it('exports after the password, restores the same avatar into an empty extension, refuses a wrong password', async () => {
    const { api, stores } = boot()
    const state = await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD })
    const id = unlockedId(state)
    await expect(api.exportBackup({ password: 'nope' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
    const backup = await api.exportBackup({ password: PASSWORD })
    expect(backup.fileName).toMatch(/^nextid-companion-backup-\d{4}-\d{2}-\d{2}\.json$/)
    expect(backup.content.toLowerCase()).not.toContain(PRIVATE_KEY)
    expect(JSON.parse(backup.content)).toMatchObject({
      format: 'nextid-companion-backup',
      version: 2,
      avatars: [{ id, name: 'Key', source: 'private-key' }],
    })
    await expect(api.importBackup({ content: backup.content, password: PASSWORD })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    })

    expect(await api.removeAvatar({ id, password: PASSWORD })).toEqual({ status: 'empty' })
    await expect(api.importBackup({ content: backup.content, password: 'wrong' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    })
    expect(await api.getState(undefined)).toEqual({ status: 'empty' })
    expect([...stores.records.data.keys(), ...stores.session.data.keys()]).toEqual([])
    await expect(api.importBackup({ content: '{"format":"other"}', password: PASSWORD })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: '"backup.format" is not a NextID Companion backup',
    })

    const restored = await api.importBackup({ content: backup.content, password: PASSWORD })
    expect(restored).toMatchObject({ status: 'unlocked', currentAvatarId: id, avatars: [{ id, name: 'Key' }] })
    expect(await api.revealSecret({ id, password: PASSWORD })).toEqual({
      kind: 'private-key',
      secret: `0x${PRIVATE_KEY}`,
    })
  })

  it('refuses a backup whose listed ids do not match the sealed secrets, or whose envelope is damaged', async () => {
    const { api } = boot()
    const id = unlockedId(await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD }))
    const backup = JSON.parse((await api.exportBackup({ password: PASSWORD })).content)
    await api.removeAvatar({ id, password: PASSWORD })
    const otherId = `0x02${'ab'.repeat(32)}`
    const swapped = { ...backup, avatars: [{ ...backup.avatars[0], id: otherId }] }
    await expect(api.importBackup({ content: JSON.stringify(swapped), password: PASSWORD })).rejects.toMatchObject({
      code: 'CORRUPT_VAULT',
      message: 'backup is corrupt: the avatar list does not match the sealed secrets',
    })
    const damaged = { ...backup, vault: { ...backup.vault, ciphertext: 'AAAA' } }
    await expect(api.importBackup({ content: JSON.stringify(damaged), password: PASSWORD })).rejects.toMatchObject({
      code: expect.stringMatching(/^(CORRUPT_VAULT|WRONG_PASSWORD)$/),
    })
    expect(await api.getState(undefined)).toEqual({ status: 'empty' })
  })
})
