/**
 * "Import from Mask Network" through the popup (issue 16), against a local ProofService and
 * KVService holding bindings and KV data made with real signatures for Mask's e2e personas: an
 * encrypted `.bin` backup on onboarding and an "Export private key" string from Add avatar; each
 * avatar appears under its name and its bindings are found again. Saves docs/screenshots/60–66.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../server/config.js'
import { type ServerHandles, startServer } from '../server/start-server.js'
import { createKvServiceClient } from '../src/client/index.js'
import { addressOf, getPublicKey, hexToBytes, signPersonalMessage } from '../src/crypto/index.js'
import {
  type DerivedPersona,
  derivedPersonas,
  HAS_MASK_VECTORS,
  MASK_VECTORS_DIR,
  MASK_VECTORS_MISSING,
  SYNTHETIC_PASSWORD,
} from '../test/support/mask-vectors.js'
import { expect, test } from './fixtures.js'
import { HomePage } from './pages/home-page.js'
import { PopupPage } from './pages/popup-page.js'
import { bindWallet, ok, openExtensionPage, WALLET_KEY } from './vault-helpers.js'

const VAULT_PASSWORD = 'correct horse battery'
const WALLET = addressOf(getPublicKey(WALLET_KEY))

test.skip(!HAS_MASK_VECTORS, MASK_VECTORS_MISSING)

let server: ServerHandles
let dataDir: string

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-mask-e2e-'))
  server = await startServer(loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
  // What Alice and Bob bound while Mask still had Next.ID: a wallet each, and a KV entry for Alice.
  const { alice, bob } = derivedPersonas()
  for (const persona of [alice, bob]) {
    await bindWallet(server.proofServiceUrl ?? '', persona.private_key_hex, persona.compressed_public_key_hex)
  }
  await writeKv(alice, { profile: { name: 'Alice from Mask' } })
})

test.afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Writes a patch into the avatar's `nextid` namespace with the avatar's own key. */
async function writeKv(persona: DerivedPersona, patch: { profile: { name: string } }) {
  const client = createKvServiceClient({ baseUrl: server.kvServiceUrl ?? '', fetch: (url, init) => fetch(url, init) })
  const avatar = persona.compressed_public_key_hex
  const params = { avatar, platform: 'nextid', identity: avatar, patch } as const
  const payload = await client.createKvPayload(params)
  await client.submitKv({
    ...params,
    uuid: payload.uuid,
    createdAt: payload.createdAt,
    signature: signPersonalMessage(payload.signPayload, hexToBytes(persona.private_key_hex, 'avatar')),
  })
}

test('an encrypted .bin backup on onboarding, then a private-key string from Add avatar', async ({
  context,
  extensionId,
}) => {
  const { alice, bob } = derivedPersonas()
  // The services are chosen before onboarding, as a self-hoster would in Settings.
  const extension = await openExtensionPage(context, extensionId)
  await ok(extension, 'updateSettings', {
    endpoints: { proofServiceUrl: server.proofServiceUrl, kvServiceUrl: server.kvServiceUrl },
  })
  const popup = await PopupPage.open(context, extensionId)
  const home = new HomePage(popup)
  const page = popup.page

  await page.getByRole('button', { name: 'Import from Mask Network' }).click()
  await popup.expectHeading('Import from Mask Network')
  await popup.screenshot('60-mask-import')

  // The file says it is an encrypted backup: the password (and a cloud account) are asked for.
  await page
    .locator('input[type="file"]')
    .setInputFiles(path.join(MASK_VECTORS_DIR, 'derived/synthetic-local-v000.bin'))
  await popup.button('Read').click()
  await expect(page.getByTestId('mask-backup-password')).toBeVisible()
  await popup.field('Backup password').fill('not the password')
  await popup.button('Open backup').click()
  await expect(popup.error()).toHaveText(
    'This password does not open the backup (with or without the account). Nothing was imported.',
  )
  await popup.screenshot('61-mask-wrong-password')
  await popup.field('Backup password').fill(SYNTHETIC_PASSWORD)
  await popup.button('Open backup').click()

  // Found: Alice under her Mask nickname, opened with the password alone; the vault password is chosen here.
  await expect(page.getByTestId('mask-found')).toContainText('Found in an encrypted Mask backup:')
  await expect(page.getByTestId('mask-opened-with')).toHaveText('Opened with the password alone (a local backup).')
  await expect(page.getByTestId('mask-persona')).toHaveCount(1)
  await expect(popup.field('Avatar name')).toHaveValue('Alice')
  await popup.field('Password').fill(VAULT_PASSWORD)
  await popup.field('Confirm password').fill(VAULT_PASSWORD)
  await popup.screenshot('62-mask-found')
  await popup.button('Import').click()

  // Outcomes: imported, and what Alice bound is found again on the local services.
  const outcome = page.getByTestId('mask-outcome')
  await expect(outcome).toHaveAttribute('data-outcome', 'imported')
  await expect(outcome.getByTestId('mask-binding')).toHaveText(new RegExp(`Ethereum · ${WALLET}`, 'i'))
  await expect(outcome).toContainText('Data in 1 KV namespace(s)')
  await popup.screenshot('63-mask-outcomes')
  await popup.button('Done').click()
  await home.expectCurrent('Alice', alice.compressed_public_key_hex)
  await expect(home.bindings()).toHaveCount(1)
  await expect(home.bindings()).toContainText(WALLET)

  // Add avatar: Alice again (her exported key) is refused by name; Bob's exported key imports.
  await page.getByRole('button', { name: 'Add avatar' }).click()
  await page.getByRole('button', { name: 'Import from Mask Network' }).click()
  await popup.field('Paste what Mask gave you').fill(alice.export_private_key_string_synthetic)
  await popup.button('Read').click()
  await expect(page.getByTestId('mask-persona')).toContainText('is already in your vault as “Alice”.')
  await expect(popup.button('Import')).toHaveCount(0)
  await popup.screenshot('64-mask-already-in-vault')
  await popup.back()

  await popup.field('Paste what Mask gave you').fill(`{"version":3,"crypto":{"cipher":"aes-128-ctr"},"address":"00"}`)
  await popup.button('Read').click()
  await expect(popup.error()).toHaveText(
    'This is a Mask wallet keystore, not a persona: import it into a wallet such as MetaMask. Nothing was imported.',
  )
  await popup.screenshot('65-mask-wallet-keystore')

  await popup.field('Paste what Mask gave you').fill(bob.export_private_key_string_synthetic)
  await popup.button('Read').click()
  await expect(page.getByTestId('mask-found')).toContainText('Found in Mask’s exported private key:')
  await popup.field('Avatar name').fill('Bob')
  await popup.button('Import').click()
  await expect(page.getByTestId('mask-outcome').getByTestId('mask-binding')).toHaveText(
    new RegExp(`Ethereum · ${WALLET}`, 'i'),
  )
  await popup.button('Done').click()
  await home.expectCurrent('Bob', bob.compressed_public_key_hex)
  await expect(home.bindings()).toContainText(WALLET)
})

test('a V001 backup (10,000,000 rounds) opens in the background with progress; the popup stays responsive', async ({
  context,
  extensionId,
}) => {
  const popup = await PopupPage.open(context, extensionId)
  const page = popup.page
  await page.getByRole('button', { name: 'Import from Mask Network' }).click()
  await page
    .locator('input[type="file"]')
    .setInputFiles(path.join(MASK_VECTORS_DIR, 'derived/synthetic-local-v001.bin'))
  await popup.button('Read').click()
  await expect(page.getByText('This backup uses a slow key derivation on purpose')).toBeVisible()
  await popup.field('Backup password').fill(SYNTHETIC_PASSWORD)
  await popup.button('Open backup').click()

  const progress = page.getByTestId('mask-progress')
  await expect(progress).toContainText(/Opening the backup: try 1 of 1, about \d+ s each/)
  // The derivation runs in the service worker: the popup answers while it is still running
  // (no time limit here — the proof is that the answer comes before the try ends).
  await page.evaluate(() => document.title)
  await expect(progress).toBeVisible()
  // The bar moves by the background's estimate while the try runs; how fast depends on the machine.
  const bar = progress.locator('progress')
  const barValue = () => bar.evaluate((element) => (element as HTMLProgressElement).value)
  const first = await barValue()
  await expect.poll(barValue, { timeout: 30_000 }).toBeGreaterThan(first)
  await popup.screenshot('66-mask-opening-slow')

  await expect(page.getByTestId('mask-found')).toBeVisible({ timeout: 60_000 })
  await expect(popup.field('Avatar name')).toHaveValue('Alice')
  await expect(page.getByTestId('mask-persona').locator('code')).toHaveAttribute(
    'title',
    derivedPersonas().alice.compressed_public_key_hex,
  )
})
