/**
 * Phase 2 of the background, driven through chrome.runtime.sendMessage against a local
 * ProofService and KVService: the proof chain verified in the worker (and a tampered one caught),
 * revoke across a lock and a worker restart, a KV write read back after a reload, and the
 * encrypted backup restoring the same avatar into an emptied extension.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type {
  Binding,
  KvNamespace,
  PreparedKvPatch,
  PreparedSignature,
  ProofChainView,
  WalletState,
} from '../extension/messaging/catalogue.js'
import { loadConfig } from '../server/config.js'
import { type ServerHandles, startServer } from '../server/start-server.js'
import { addressOf, encodeBase64, getPublicKey, signPersonalMessage } from '../src/crypto/index.js'
import { expect, test } from './fixtures.js'
import { bindWallet, call, ok, openExtensionPage, stopServiceWorker, WALLET_KEY } from './vault-helpers.js'

const PASSWORD = 'e2e chain password'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const WALLET = addressOf(getPublicKey(WALLET_KEY))

type Unlocked = Extract<WalletState, { status: 'unlocked' }>

let server: ServerHandles
let dataDir: string

test.beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-chain-e2e-'))
  server = await startServer(loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
})

test.afterEach(async () => {
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** An avatar in the extension, pointed at the local server. */
async function setup(page: Awaited<ReturnType<typeof openExtensionPage>>): Promise<string> {
  const state = await ok<Unlocked>(page, 'importPrivateKey', {
    privateKey: PRIVATE_KEY,
    name: 'Key',
    password: PASSWORD,
  })
  await ok(page, 'updateSettings', {
    endpoints: { proofServiceUrl: server.proofServiceUrl, kvServiceUrl: server.kvServiceUrl },
  })
  return state.currentAvatarId
}

test('chain verifies, a tampered chain does not, and revoke survives a restart but not a lock', async ({
  context,
  extensionId,
}) => {
  const page = await openExtensionPage(context, extensionId)
  const avatar = await setup(page)
  await bindWallet(server.proofServiceUrl ?? '', PRIVATE_KEY, avatar)

  const chain = await ok<ProofChainView>(page, 'getProofChain')
  expect(chain).toMatchObject({ valid: true, links: [{ action: 'create', identity: WALLET, status: 'verified' }] })

  // The service worker's fetch is routed too (TOOLCHAIN.md): re-sign each link with another key.
  const pattern = `${server.proofServiceUrl}/v1/proofchain**`
  await context.route(pattern, async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { proof_chain: { signature: string; signature_payload: string }[] }
    for (const link of body.proof_chain) {
      link.signature = encodeBase64(signPersonalMessage(link.signature_payload, WALLET_KEY))
    }
    await route.fulfill({ response, json: body })
  })
  const tampered = await ok<ProofChainView>(page, 'getProofChain')
  expect(tampered).toMatchObject({ valid: false, links: [{ status: 'signature-mismatch' }] })
  await context.unroute(pattern)

  // Lock between prepare and confirm: confirm is LOCKED, and the request does not outlive the lock.
  const first = await ok<PreparedSignature>(page, 'prepareRevoke', { platform: 'ethereum', identity: WALLET })
  expect(first.payload).toMatchObject({ action: 'delete', platform: 'ethereum', identity: WALLET })
  await ok(page, 'lock')
  expect(await page.evaluate(() => chrome.storage.session.get(null))).toEqual({})
  expect(await call(page, 'confirmRevoke', { requestId: first.requestId })).toMatchObject({
    ok: false,
    error: { code: 'LOCKED' },
  })
  await ok(page, 'unlock', { password: PASSWORD })
  expect(await call(page, 'confirmRevoke', { requestId: first.requestId })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  })

  const second = await ok<PreparedSignature>(page, 'prepareRevoke', { platform: 'ethereum', identity: WALLET })
  await stopServiceWorker(page)
  // A restarted worker still holds the prepared request; the flow engine submits it and leaves nothing behind.
  expect(await call(page, 'confirmRevoke', { requestId: second.requestId })).toMatchObject({
    ok: true,
    result: { kind: 'revoke', step: 'done', signer: 'avatar' },
  })
  expect(await ok(page, 'getFlows')).toEqual([])
  expect(await ok<Binding[]>(page, 'getBindings')).toEqual([])
  const after = await ok<ProofChainView>(page, 'getProofChain')
  expect(after.valid).toBe(true)
  expect(after.links.map((link) => [link.action, link.status])).toEqual([
    ['create', 'verified'],
    ['delete', 'verified'],
  ])
})

test('a KV patch is written and read back after a reload; a backup restores the same avatar', async ({
  context,
  extensionId,
}) => {
  const page = await openExtensionPage(context, extensionId)
  const avatar = await setup(page)
  const prepared = await ok<PreparedKvPatch>(page, 'prepareKvPatch', {
    platform: 'nextid',
    identity: avatar,
    patch: { theme: 'dark' },
  })
  expect(prepared.changes).toEqual([{ path: ['theme'], kind: 'added', after: 'dark' }])
  await ok(page, 'confirmKvPatch', { requestId: prepared.requestId })
  await page.reload()
  expect(await ok<KvNamespace[]>(page, 'getKv')).toEqual([
    { platform: 'nextid', identity: avatar, content: { theme: 'dark' } },
  ])

  const backup = await ok<{ fileName: string; content: string }>(page, 'exportBackup', { password: PASSWORD })
  expect(backup.fileName).toMatch(/^nextid-companion-backup-\d{4}-\d{2}-\d{2}\.json$/)
  expect(backup.content.toLowerCase()).not.toContain(PRIVATE_KEY)
  expect(await ok(page, 'removeAvatar', { id: avatar, password: PASSWORD })).toEqual({ status: 'empty' })

  expect(await call(page, 'importBackup', { content: backup.content, password: 'not it' })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_PASSWORD' },
  })
  expect(await ok(page, 'getState')).toEqual({ status: 'empty' })
  const restored = await ok<Unlocked>(page, 'importBackup', { content: backup.content, password: PASSWORD })
  expect(restored).toMatchObject({
    status: 'unlocked',
    currentAvatarId: avatar,
    avatars: [{ id: avatar, name: 'Key' }],
  })
  // Re-discovery: the popup asks again, and the KV written before the backup is still the avatar's.
  expect(await ok<KvNamespace[]>(page, 'getKv')).toEqual([
    { platform: 'nextid', identity: avatar, content: { theme: 'dark' } },
  ])
})
