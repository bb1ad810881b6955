/**
 * The popup end to end: onboarding (create + quiz, import phrase, import key), unlock with a wrong
 * and a right password, lock, rename, reveal, settings, and the bindings list against a local
 * server holding a binding made with src/client and real signatures. Saves docs/screenshots/*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs'
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
import { deriveAvatarKey } from '../src/vault/index.js'
import { expect, test } from './fixtures.js'
import { HomePage } from './pages/home-page.js'
import { OnboardingPage } from './pages/onboarding-page.js'
import { PopupPage } from './pages/popup-page.js'
import { stopServiceWorker } from './vault-helpers.js'

const PASSWORD = 'correct horse battery'
const TEST_PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
// Fixed test-only keys: the imported avatar and the wallet bound to it.
const AVATAR_KEY = `0x${'a5'.repeat(32)}`
const WALLET_KEY = hexToBytes(`0x${'5a'.repeat(32)}`, 'wallet')
const AVATAR_ID = avatarId(getPublicKey(hexToBytes(AVATAR_KEY, 'avatar')))

async function openPopup(context: Parameters<typeof PopupPage.open>[0], extensionId: string) {
  const popup = await PopupPage.open(context, extensionId)
  return { popup, onboarding: new OnboardingPage(popup), home: new HomePage(popup) }
}

test('create with the phrase quiz → home; the phrase is not shown again', async ({ context, extensionId }) => {
  const { popup, onboarding, home } = await openPopup(context, extensionId)
  await popup.expectHeading('NextID Companion')
  await expect(popup.page.getByTestId('background-status')).toHaveText('Background ready · Version 0.1.0')
  await popup.screenshot('01-welcome')

  await onboarding.choose('Create a new avatar')
  const words = await onboarding.readPhrase()
  await expect(popup.button('Continue')).toBeDisabled()
  await popup.screenshot('02-create-phrase')
  await onboarding.confirmWrittenDown()

  // A wrong answer is refused before anything is stored.
  await onboarding.answerQuiz(words.map(() => 'zoo'))
  await expect(popup.error()).toHaveText('At least one word does not match. Look at your copy again.')
  await popup.screenshot('03-create-quiz')
  await onboarding.answerQuiz(words)

  await popup.field('Avatar name').fill('Alice')
  await popup.field('Password').fill('short')
  await expect(popup.page.getByText('At least 8 characters.')).toBeVisible()
  await popup.button('Create a new avatar').click()
  await expect(popup.error()).toHaveText('At least 8 characters.')
  await onboarding.fillDetails({ name: 'Alice', password: PASSWORD })
  await popup.screenshot('04-create-details')
  await popup.button('Create a new avatar').click()

  await home.expectCurrent('Alice')
  await popup.reload()
  await home.expectCurrent('Alice')
  await expect(popup.page.getByTestId('phrase-grid')).toHaveCount(0)
})

test('create completes when the worker was stopped while the phrase was shown (writing it down takes time)', async ({
  context,
  extensionId,
}) => {
  const { popup, onboarding, home } = await openPopup(context, extensionId)
  await onboarding.choose('Create a new avatar')
  const words = await onboarding.readPhrase()
  // Chrome stops an idle worker after 30 s; an attached test driver keeps it alive, so stop it by hand.
  await stopServiceWorker(popup.page)
  await onboarding.confirmWrittenDown()
  await onboarding.answerQuiz(words)
  await onboarding.fillDetails({ name: 'Patient', password: PASSWORD })
  await popup.button('Create a new avatar').click()
  await home.expectCurrent('Patient')
})

test('import a phrase → home with its first account as the avatar', async ({ context, extensionId }) => {
  const { popup, onboarding, home } = await openPopup(context, extensionId)
  await onboarding.choose('Import a recovery phrase')
  await expect(popup.page.getByText("derivation path m/44'/60'/0'/0/0")).toBeVisible()
  await popup.screenshot('05-import-phrase')
  await popup.back()
  await onboarding.importPhrase(`  ${TEST_PHRASE.toUpperCase()}\n`, { name: 'Restored', password: PASSWORD })
  const expected = avatarId((await deriveAvatarKey(TEST_PHRASE)).publicKey)
  await home.expectCurrent('Restored', expected)
  await expect(popup.page.getByTestId('avatar-id')).toHaveText(`${expected.slice(0, 8)}…${expected.slice(-4)}`)
})

test('import a key; wrong password refused; lock, unlock, rename, reveal', async ({ context, extensionId }) => {
  const { popup, onboarding, home } = await openPopup(context, extensionId)
  await onboarding.choose('Import a private key')
  await expect(popup.field('Private key (hex)')).toHaveAttribute('type', 'password')
  await popup.screenshot('06-import-key')
  await popup.back()
  await onboarding.importKey(AVATAR_KEY, { name: 'Keyed', password: PASSWORD })
  await home.expectCurrent('Keyed', AVATAR_ID)

  await home.lock()
  await popup.screenshot('07-unlock')
  await home.unlock('not the password')
  await expect(popup.error()).toHaveText('Wrong password.')
  await expect(popup.button('Unlock')).toBeVisible()
  await popup.screenshot('08-unlock-wrong-password')
  await home.unlock(PASSWORD)
  await home.expectCurrent('Keyed', AVATAR_ID)

  await home.rename('Keyed renamed')
  await expect(popup.page.getByText('Saved.')).toBeVisible()
  await popup.back()
  await home.expectCurrent('Keyed renamed')

  await home.openManage()
  await popup.field('Password to show it').fill('nope nope')
  await popup.button('Show').click()
  await expect(popup.error()).toHaveText('Wrong password.')
  await popup.field('Password to show it').fill(PASSWORD)
  await popup.button('Show').click()
  await expect(popup.page.getByTestId('revealed-secret')).toContainText(AVATAR_KEY.slice(2))
  await popup.screenshot('09-reveal-secret')
  await popup.button('Hide').click()
  await expect(popup.page.getByTestId('revealed-secret')).toHaveCount(0)
  await popup.screenshot('10-manage-avatar')
})

test.describe('with a local ProofService and KVService', () => {
  let server: ServerHandles
  let dataDir: string

  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-popup-e2e-'))
    server = await startServer(loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
    await bindWallet(server.proofServiceUrl ?? '')
  })
  test.afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('forgot password: restoring from the phrase replaces the vault and keeps the bindings', async ({
    context,
    extensionId,
  }) => {
    const phraseKey = await deriveAvatarKey(TEST_PHRASE)
    const phraseAvatar = avatarId(phraseKey.publicKey)
    await bindWallet(server.proofServiceUrl ?? '', phraseKey.privateKey)
    const { popup, onboarding, home } = await openPopup(context, extensionId)
    await onboarding.importPhrase(TEST_PHRASE, { name: 'Alice', password: PASSWORD })
    await home.expectCurrent('Alice', phraseAvatar)
    await home.useCustomEndpoints(server.proofServiceUrl ?? '', server.kvServiceUrl ?? '')
    await expect(home.bindings()).toHaveCount(1)
    await popup.button('Add avatar').click()
    await onboarding.importKey(AVATAR_KEY, { name: 'Work' })
    await home.expectCurrent('Work', AVATAR_ID)
    await home.lock()

    // The password typed can be shown before it is submitted.
    await popup.field('Password').fill('what was it again')
    await popup.button('Show Password').click()
    await expect(popup.field('Password')).toHaveAttribute('type', 'text')
    await popup.button('Hide Password').click()
    await expect(popup.field('Password')).toHaveAttribute('type', 'password')

    await popup.button('Forgot password?').click()
    await expect(popup.page.getByTestId('forgot-replaces')).toContainText('replaces the 2 avatars')
    await expect(popup.page.getByTestId('forgot-replaces')).toContainText('Alice')
    await expect(popup.page.getByTestId('forgot-replaces')).toContainText('Work')
    await popup.screenshot('54-forgot-password')
    await popup.page.getByRole('button', { name: /^Restore from a recovery phrase/ }).click()
    await popup.field('Recovery phrase').fill(TEST_PHRASE)
    await onboarding.fillDetails({ name: 'Alice again', password: 'a brand new password' })
    await popup.screenshot('55-forgot-phrase')
    await popup.button('Replace and restore').click()

    // The same avatar is back, alone, with its binding; the new password opens it.
    await home.expectCurrent('Alice again', phraseAvatar)
    await expect(popup.page.locator('option')).toHaveCount(1)
    await expect(home.bindings()).toHaveCount(1)
    await expect(home.bindings().first()).toContainText(addressOf(getPublicKey(WALLET_KEY)))
    await home.lock()
    await home.unlock(PASSWORD)
    await expect(popup.error()).toBeVisible()
    await home.unlock('a brand new password')
    await home.expectCurrent('Alice again', phraseAvatar)
  })

  test('settings switch endpoints; the bindings list shows the binding', async ({ context, extensionId }) => {
    const { popup, onboarding, home } = await openPopup(context, extensionId)
    await onboarding.importKey(AVATAR_KEY, { name: 'Bound', password: PASSWORD })
    await home.expectCurrent('Bound', AVATAR_ID)

    // Custom URLs are validated before anything is saved.
    await home.openSettings()
    await expect(popup.page.getByLabel('Next.ID production')).toBeChecked()
    await popup.page.getByLabel('Custom').check()
    await popup.field('ProofService URL').fill('ftp://example.com')
    await popup.button('Save').click()
    await expect(popup.error()).toHaveText('ProofService URL: must start with https:// or http://.')
    await popup.back()

    // A service that is down: error state with retry.
    await home.useCustomEndpoints('http://127.0.0.1:9', 'http://127.0.0.1:9')
    await expect(popup.page.getByTestId('bindings-error')).toContainText('The service could not be reached.')
    await popup.screenshot('11-home-service-down')

    const proof = server.proofServiceUrl ?? ''
    const kv = server.kvServiceUrl ?? ''
    await home.useCustomEndpoints(`${proof}/`, kv)
    await expect(home.bindings()).toHaveCount(1)
    const row = home.bindings().first()
    await expect(row).toHaveAttribute('data-platform', 'ethereum')
    await expect(row).toContainText(addressOf(getPublicKey(WALLET_KEY)))
    await expect(row).toContainText('Valid')
    await popup.screenshot('12-home-bindings')

    await home.openSettings()
    await expect(popup.page.getByLabel('Custom')).toBeChecked()
    await expect(popup.field('ProofService URL')).toHaveValue(proof)
    await popup.screenshot('13-settings')
  })
})

test('home shows invalid and stale bindings honestly, and the empty state', async ({ context, extensionId }) => {
  const { popup, onboarding, home } = await openPopup(context, extensionId)
  await onboarding.importKey(AVATAR_KEY, { name: 'Alice', password: PASSWORD })
  await home.expectCurrent('Alice')
  await home.useCustomEndpoints('http://127.0.0.1:9', 'http://127.0.0.1:9')
  await expect(popup.page.getByTestId('bindings-error')).toBeVisible()

  // ProofService's answer, served under the configured URL (§4.6 shape).
  const now = Math.floor(Date.now() / 1000)
  const proofs = [
    proofRow('twitter', 'alice_nextid', true, '', now - 3_600),
    proofRow('github', 'alice-dev', false, 'gist not found (404)', now - 86_400),
    proofRow('ethereum', '0x9858effd232b4033e47d90003d41ec34ecaeda94', true, '', now - 9 * 86_400),
  ]
  let answer: unknown[] = [{ avatar: AVATAR_ID, alias: [], activated_at: '1700000000', last_arweave_id: '', proofs }]
  await context.route('http://127.0.0.1:9/v1/proof?**', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ pagination: { total: answer.length, per: 20, current: 1, next: 0 }, ids: answer }),
    }),
  )
  await popup.button('Try again').click()
  await expect(home.bindings()).toHaveCount(3)
  await expect(home.bindings().nth(0)).toContainText('Valid')
  await expect(home.bindings().nth(1)).toContainText('Invalid: gist not found (404)')
  await expect(home.bindings().nth(2)).toContainText('Not re-checked for 9 days')
  await popup.screenshot('14-home-binding-states')

  answer = []
  await popup.button('Refresh').click()
  await expect(popup.page.getByText('No bindings yet.', { exact: false })).toBeVisible()
  await popup.screenshot('15-home-empty')
})

function proofRow(platform: string, identity: string, isValid: boolean, invalidReason: string, checkedAt: number) {
  return {
    platform,
    identity,
    alt_id: '',
    created_at: String(checkedAt - 100),
    last_checked_at: String(checkedAt),
    is_valid: isValid,
    invalid_reason: invalidReason,
  }
}

/** Binds the test wallet to the test avatar through src/client, with real personal_sign signatures (§6.4). */
async function bindWallet(baseUrl: string, avatarKey = hexToBytes(AVATAR_KEY, 'avatar')) {
  const client = createProofServiceClient({ baseUrl, fetch: (input, init) => fetch(input, init) })
  const params = {
    action: 'create' as const,
    platform: 'ethereum' as const,
    identity: addressOf(getPublicKey(WALLET_KEY)),
    publicKey: getPublicKey(avatarKey),
  }
  const payload = await client.createPayload(params)
  await client.submitProof({
    ...params,
    uuid: payload.uuid,
    createdAt: payload.createdAt,
    signature: signPersonalMessage(payload.signPayload, avatarKey),
    walletSignature: encodeBase64(signPersonalMessage(payload.signPayload, WALLET_KEY)),
  })
}
