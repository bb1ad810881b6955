/**
 * Phase 2 of the popup end to end, against a local ProofService and KVService: the proof chain
 * verified in the browser (and a tampered link caught), revoke through the UI, a KV write through
 * the editor, and a backup exported, the avatar removed, and restored. Saves docs/screenshots/16-*.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../server/config.js'
import { type ServerHandles, startServer } from '../server/start-server.js'
import { createProofServiceClient } from '../src/client/index.js'
import {
  addressOf,
  avatarId,
  encodeBase64,
  getPublicKey,
  hexToBytes,
  signPersonalMessage,
} from '../src/crypto/index.js'
import { expect, test } from './fixtures.js'
import { ChainKvPage } from './pages/chain-kv-page.js'
import { HomePage } from './pages/home-page.js'
import { OnboardingPage } from './pages/onboarding-page.js'
import { PopupPage } from './pages/popup-page.js'

const PASSWORD = 'correct horse battery'
// Fixed test-only keys: one avatar per test so that no test sees another's chain.
const CHAIN_AVATAR = `0x${'b1'.repeat(32)}`
const REVOKE_AVATAR = `0x${'b2'.repeat(32)}`
const KV_AVATAR = `0x${'b3'.repeat(32)}`
const BACKUP_AVATAR = `0x${'b4'.repeat(32)}`
const WIPE_AVATAR = `0x${'b5'.repeat(32)}`
const WALLET_KEY = hexToBytes(`0x${'5b'.repeat(32)}`, 'wallet')
const STRANGER_KEY = hexToBytes(`0x${'c7'.repeat(32)}`, 'stranger')
const WALLET = addressOf(getPublicKey(WALLET_KEY))
const idOf = (key: string) => avatarId(getPublicKey(hexToBytes(key, 'avatar')))

let server: ServerHandles
let dataDir: string
let proofUrl: string
let kvUrl: string

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-chain-kv-e2e-'))
  server = await startServer(loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  proofUrl = server.proofServiceUrl ?? ''
  kvUrl = server.kvServiceUrl ?? ''
  await bindWallet(CHAIN_AVATAR)
  await bindWallet(REVOKE_AVATAR)
})
test.afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A popup with `key` imported as the first avatar, pointed at the local services. */
async function openWith(context: Parameters<typeof PopupPage.open>[0], extensionId: string, key: string) {
  const popup = await PopupPage.open(context, extensionId)
  const home = new HomePage(popup)
  await new OnboardingPage(popup).importKey(key, { name: 'Alice', password: PASSWORD })
  await home.expectCurrent('Alice', idOf(key))
  // biome-ignore lint/correctness/useHookAtTopLevel: a page-object method named use…, not a React hook.
  await home.useCustomEndpoints(proofUrl, kvUrl)
  return { popup, home, page: new ChainKvPage(popup) }
}

test('the proof chain of an API-made binding verifies in the browser', async ({ context, extensionId }) => {
  const { popup, page } = await openWith(context, extensionId, CHAIN_AVATAR)
  await page.openChain()
  await expect(page.chainSummary()).toHaveText('Whole chain verified in your browser. Links checked: 1.')
  await expect(page.chainLinks()).toHaveCount(1)
  const link = page.chainLinks().first()
  await expect(link).toHaveAttribute('data-status', 'verified')
  await expect(link).toContainText('Verified in your browser · signed by this avatar')
  await expect(link).toContainText(`Bound · Ethereum${WALLET}`)
  await expect(link).toContainText('Bind Ethereum wallet')
  await popup.screenshot('16-proof-chain')
})

test('a tampered link from ProofService shows "Signature mismatch"', async ({ context, extensionId }) => {
  const { popup, page } = await openWith(context, extensionId, CHAIN_AVATAR)
  // The service answers, then one link's signature is swapped for a stranger's over the same text.
  await context.route(`${proofUrl}/v1/proofchain?**`, async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { proof_chain: { signature: string; signature_payload: string }[] }
    const [first] = body.proof_chain
    if (first) first.signature = encodeBase64(signPersonalMessage(first.signature_payload, STRANGER_KEY))
    await route.fulfill({ response, json: body })
  })
  await page.openChain()
  await expect(page.chainSummary()).toHaveText('Not verified: 1 of 1 links failed the check in your browser.')
  const link = page.chainLinks().first()
  await expect(link).toHaveAttribute('data-status', 'signature-mismatch')
  await expect(link).toContainText('Signature mismatch')
  await expect(link).toContainText('the signature does not recover to this avatar')
  await popup.screenshot('17-proof-chain-tampered')
})

test('revoke through the UI removes the binding and reminds about the post', async ({ context, extensionId }) => {
  const { popup, home, page } = await openWith(context, extensionId, REVOKE_AVATAR)
  await expect(home.bindings()).toHaveCount(1)
  await page.startRevoke(WALLET)
  await expect(popup.page.getByTestId('revoke-description')).toHaveText(
    new RegExp(`^Revoke the binding of Ethereum wallet ${WALLET.slice(0, 8)}…${WALLET.slice(-4)} from avatar`),
  )
  await popup.page.getByText('Exact text to sign').click()
  await expect(popup.page.locator('.payload')).toContainText('"action":"delete"')
  await popup.screenshot('18-revoke-confirm')

  // Cancel signs nothing; the binding stays.
  await popup.button('Cancel').click()
  await expect(home.bindings()).toHaveCount(1)

  await page.startRevoke(WALLET)
  await popup.button('Sign and revoke').click()
  await expect(popup.page.getByTestId('revoke-done')).toContainText(
    'Ethereum bindings have no public post: there is nothing else to delete.',
  )
  await expect(home.bindings()).toHaveCount(0)
  await popup.screenshot('19-revoke-done')
  await popup.button('Done').click()
  await expect(popup.page.getByText('No bindings yet.', { exact: false })).toBeVisible()

  await page.openChain()
  await expect(page.chainLinks()).toHaveCount(2)
  await expect(page.chainLinks().nth(1)).toContainText('Revoked · Ethereum')
  await expect(page.chainSummary()).toHaveText('Whole chain verified in your browser. Links checked: 2.')
})

test('a KV write through the editor shows after a reload', async ({ context, extensionId }) => {
  const { popup, page } = await openWith(context, extensionId, KV_AVATAR)
  const avatar = idOf(KV_AVATAR)
  await page.openKv()
  await expect(popup.page.getByText('No key-value data yet.')).toBeVisible()
  await page.startNewNamespace()
  await page.typePatch('{"profile": {"name": "Alice"},\n "tags": ["a", }')
  await expect(popup.page.getByTestId('json-error')).toHaveText('Not valid JSON at line 2, column 16.')
  await expect(popup.button('Preview')).toBeDisabled()
  await popup.screenshot('20-kv-json-error')

  await page.typePatch('{"profile": {"name": "Alice"}, "tags": ["a", "b"]}')
  await page.preview()
  await expect(page.diffRows()).toHaveCount(2)
  await expect(page.diffRows().first()).toHaveAttribute('data-kind', 'added')
  await expect(popup.page.getByTestId('kv-preview')).toContainText(
    `Signed by your avatar ${avatar.slice(0, 8)}…${avatar.slice(-4)}, then stored publicly on KVService.`,
  )
  await popup.button('Sign and save').click()
  await expect(popup.page.getByText('Saved to KVService.')).toBeVisible()
  await expect(page.namespaces()).toHaveCount(1)

  // A second patch: one key changed, one deleted.
  await page.editNamespace(avatar)
  await page.typePatch('{"profile": {"name": "Alicia"}, "tags": null}')
  await page.preview()
  await expect(page.diffRows()).toHaveCount(2)
  await expect(page.diffRows().filter({ hasText: 'profile.name' })).toContainText('"Alice" → "Alicia"')
  await expect(page.diffRows().filter({ hasText: 'tags' })).toHaveAttribute('data-kind', 'deleted')
  await popup.screenshot('21-kv-preview')
  await popup.button('Sign and save').click()
  await expect(popup.page.getByText('Saved to KVService.')).toBeVisible()

  await popup.reload()
  await page.openKv()
  await expect(page.namespaces()).toHaveCount(1)
  const stored = page.namespaces().first()
  await expect(stored).toHaveAttribute('data-platform', 'nextid')
  await expect(stored).toContainText(avatar)
  await expect(stored.locator('pre')).toHaveText(JSON.stringify({ profile: { name: 'Alicia' } }, null, 2))
  await popup.screenshot('22-kv-editor')
})

test('deleting the whole content asks twice; a patch that changes nothing cannot be signed', async ({
  context,
  extensionId,
}) => {
  const { popup, page } = await openWith(context, extensionId, WIPE_AVATAR)
  const avatar = idOf(WIPE_AVATAR)
  await page.openKv()
  await page.startNewNamespace()
  await page.typePatch('{"keep": "me"}')
  await page.preview()
  await popup.button('Sign and save').click()
  await expect(popup.page.getByText('Saved to KVService.')).toBeVisible()
  // The namespace said in words, its full id readable beside it.
  const stored = page.namespaces().first()
  await expect(stored.locator('.platform')).toHaveText("This avatar's own data")
  await expect(stored.locator('.full-id')).toHaveText(avatar)

  // The same content again: nothing to sign.
  await page.editNamespace(avatar)
  await page.typePatch('{"keep": "me"}')
  await popup.button('Preview').click()
  await expect(popup.error()).toHaveText('This patch changes nothing, so there is nothing to sign.')

  // null deletes everything: shown as destructive, and the first click only asks again.
  await page.typePatch('null')
  await page.preview()
  await expect(popup.page.getByTestId('kv-preview')).toHaveAttribute('data-whole-content', 'deletes')
  await expect(popup.button('Sign and save')).toHaveCount(0)
  await popup.screenshot('52-kv-wipe-preview')
  await popup.button('Review: deletes everything').click()
  const again = popup.page.getByTestId('kv-confirm-whole')
  await expect(again.getByRole('heading')).toHaveText('Delete everything stored here?')
  await expect(again).toContainText("This avatar's own data")
  await popup.screenshot('53-kv-wipe-confirm')
  await popup.button('Keep my data').click()
  await expect(again).toHaveCount(0)
  await expect(popup.page.getByTestId('kv-form')).toBeVisible()
  await popup.reload()
  await page.openKv()
  await expect(page.namespaces().first().locator('pre')).toHaveText(JSON.stringify({ keep: 'me' }, null, 2))

  // Asked twice, it goes.
  await page.editNamespace(avatar)
  await page.typePatch('null')
  await page.preview()
  await popup.button('Review: deletes everything').click()
  await popup.button('Sign and delete everything').click()
  await expect(popup.page.getByText('Saved to KVService.')).toBeVisible()
  await expect(page.namespaces().first().locator('pre')).toHaveText('null')
})

test('export a backup, remove the avatar, restore it on the welcome screen', async ({ context, extensionId }) => {
  const { popup, home, page } = await openWith(context, extensionId, BACKUP_AVATAR)
  await home.openSettings()
  const file = path.join(dataDir, 'backup.json')
  expect(await page.exportBackup(PASSWORD, file)).toMatch(/^nextid-companion-backup-\d{4}-\d{2}-\d{2}\.json$/)
  await expect(popup.page.getByTestId('backup-link')).toBeVisible()
  await popup.button('Export encrypted backup').scrollIntoViewIfNeeded()
  await popup.screenshot('23-export-backup')
  await popup.back()

  await home.openManage()
  await popup.field('Password to remove').fill(PASSWORD)
  await popup.button('Remove avatar').click()
  await popup.expectHeading('NextID Companion')

  await popup.page.getByRole('button', { name: 'Restore from backup' }).click()
  await popup.expectHeading('Restore from backup')
  const notBackup = path.join(dataDir, 'notes.json')
  writeFileSync(notBackup, '{"hello": "world"}')
  await page.restore(notBackup, PASSWORD)
  // Our sentence only: no field name of the background's ("backup.format") reaches the user.
  await expect(popup.error()).toHaveText('This file is not a NextID Companion backup, or it is damaged.')
  await page.restore(file, 'not the password')
  await expect(popup.error()).toHaveText('Wrong password.')
  await popup.screenshot('24-restore-backup')
  await page.restore(file, PASSWORD)
  await home.expectCurrent('Alice', idOf(BACKUP_AVATAR))
})

/** Binds the test wallet to an avatar through src/client, with real personal_sign signatures (§6.4). */
async function bindWallet(avatarHex: string) {
  const client = createProofServiceClient({ baseUrl: proofUrl, fetch: (input, init) => fetch(input, init) })
  const avatarKey = hexToBytes(avatarHex, 'avatar')
  const params = { action: 'create' as const, platform: 'ethereum' as const, identity: WALLET }
  const payload = await client.createPayload({ ...params, publicKey: getPublicKey(avatarKey) })
  await client.submitProof({
    ...params,
    publicKey: getPublicKey(avatarKey),
    uuid: payload.uuid,
    createdAt: payload.createdAt,
    signature: signPersonalMessage(payload.signPayload, avatarKey),
    walletSignature: encodeBase64(signPersonalMessage(payload.signPayload, WALLET_KEY)),
  })
}
