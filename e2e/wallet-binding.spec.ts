/**
 * Ethereum wallet bindings through the popup UI against a local ProofService (PGlite): the test
 * dApp at https://wallet-dapp.example announces an EIP-6963 "Test Wallet" signing with viem's local
 * account; the popup runs in a window of its own, so the dApp is the active tab of the normal window.
 * Bound, listed valid, revoked with the wallet's signature (and another with the avatar's); a wallet
 * that rejects, then "Try again"; a page whose wallet signs as another account is refused before submit.
 */
import type { BrowserContext, Worker } from '@playwright/test'
import type { Binding, ProofChainView } from '../extension/messaging/catalogue.js'
import { expect, test } from './fixtures.js'
import { importAvatarUsing, localServicesPerTest } from './local-services.js'
import { FlowPage } from './pages/flow-page.js'
import { HomePage } from './pages/home-page.js'
import type { PopupPage } from './pages/popup-page.js'
import { ok, stopServiceWorker } from './vault-helpers.js'
import {
  createTestSolanaWallet,
  createTestWallet,
  DAPP_ORIGIN,
  openPopupWindow,
  openWalletDapp,
  type TestSolanaWallet,
  type TestWallet,
} from './wallet-helpers.js'

const PASSWORD = 'e2e wallet password'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const WALLET_A = `0x${'a1'.repeat(32)}` as const
const WALLET_B = `0x${'b2'.repeat(32)}` as const

// Wallet signatures are checked by the ProofService itself; the platform simulator idles here.
const services = localServicesPerTest()

// Each test binds through a real wallet signature and a PGlite-backed service: more than the default 30 s.
test.describe.configure({ timeout: 120_000 })

/** The dApp in the first tab, the popup in its own window with an unlocked avatar on the local server, at home. */
async function setUp(
  context: BrowserContext,
  worker: Worker,
  extensionId: string,
  wallet: TestWallet,
  solana?: TestSolanaWallet,
) {
  await openWalletDapp(context, wallet, solana)
  const popup = await openPopupWindow(context, worker, extensionId)
  await importAvatarUsing(popup.page, services.server, { privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD })
  await popup.reload()
  const home = new HomePage(popup)
  await home.expectCurrent('Key')
  return { popup, home }
}

/** Home → Add binding → Ethereum → the wallet screen, with the page's wallets listed. */
async function openBindWallet(popup: PopupPage, wallets = 1) {
  const flow = new FlowPage(popup)
  await flow.openAddBinding()
  await flow.choosePlatform('Ethereum')
  await popup.button('Continue with a wallet').click()
  await popup.expectHeading('Bind a wallet')
  await expect(popup.page.getByTestId('page-wallet')).toHaveCount(wallets)
}

const walletFlow = (popup: PopupPage) => popup.page.getByTestId('wallet-flow')

/** Waits for the wallet flow screen at `step`; signing and submitting take a while on a busy machine. */
const expectWalletStep = (popup: PopupPage, step: string) =>
  expect(walletFlow(popup)).toHaveAttribute('data-step', step, { timeout: 30_000 })

/** Connects the page's only wallet from the wallet screen. */
const connectPageWallet = (popup: PopupPage) =>
  popup.page.getByTestId('page-wallet').getByRole('button', { name: 'Connect' }).click()

test('a wallet in the page binds through the popup, is listed valid, and is revoked by the wallet', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const wallet = createTestWallet(WALLET_A)
  const { popup, home } = await setUp(context, serviceWorker, extensionId, wallet)

  await openBindWallet(popup)
  const row = popup.page.getByTestId('page-wallet')
  await expect(row).toContainText('Test Wallet')
  await expect(row).toContainText('org.example.testwallet')
  await expect(row.getByRole('img', { name: 'Test Wallet' })).toHaveAttribute('src', /^data:image\/svg\+xml,/)
  await expect(popup.page.getByText(`Wallets in ${DAPP_ORIGIN}`)).toBeVisible()
  await popup.screenshot('42-wallet-pick')

  await row.getByRole('button', { name: 'Connect' }).click()
  await expectWalletStep(popup, 'confirm-wallet')
  await expect(popup.page.getByTestId('wallet-confirm')).toHaveText(
    `Bind ${wallet.account.address} (Test Wallet, on ${DAPP_ORIGIN}) to Key?`,
  )
  // Nothing is signed before the confirmation: the wallet was only asked for its account.
  expect(wallet.requests).toEqual(['eth_requestAccounts'])
  await popup.screenshot('43-wallet-confirm')

  await popup.button('Bind').click()
  await expectWalletStep(popup, 'done')
  await expect(walletFlow(popup)).toContainText(`${wallet.account.address} is bound to Key.`)
  expect(wallet.requests).toEqual(['eth_requestAccounts', 'personal_sign'])
  await popup.screenshot('44-wallet-done')

  // Done clears the flow; home lists the binding as valid.
  await popup.button('Done').click()
  await popup.back()
  const identity = wallet.account.address.toLowerCase()
  const listed = home.bindings().filter({ hasText: identity })
  await expect(listed).toHaveAttribute('data-platform', 'ethereum')
  await expect(listed).toContainText('Valid')

  // Revoke with the wallet's own signature over the delete payload (§6.4 delete (a)).
  await listed.getByRole('button', { name: 'Revoke' }).click()
  await expect(popup.page.getByTestId('revoke-description')).toBeVisible()
  await popup.button('Sign with the wallet').click()
  await expect(popup.page.getByTestId('revoke-done')).toBeVisible()
  expect(wallet.requests.slice(-2)).toEqual(['eth_requestAccounts', 'personal_sign'])
  await popup.button('Done').click()
  await expect(home.bindings().filter({ hasText: identity })).toHaveCount(0)

  // The delete link carries the wallet's signature and verifies in the extension's chain view.
  const chain = await ok<ProofChainView>(popup.page, 'getProofChain')
  expect(chain.valid).toBe(true)
  expect(chain.links.map((link) => [link.action, link.status, link.signer])).toEqual([
    ['create', 'verified', 'avatar'],
    ['delete', 'verified', 'wallet'],
  ])
})

test('a second wallet account is bound and revoked with the avatar’s signature', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const wallet = createTestWallet(WALLET_B)
  const { popup, home } = await setUp(context, serviceWorker, extensionId, wallet)
  await openBindWallet(popup)
  await connectPageWallet(popup)
  await popup.button('Bind').click()
  await expectWalletStep(popup, 'done')
  await popup.button('Done').click()
  await popup.back()

  const identity = wallet.account.address.toLowerCase()
  await home.bindings().filter({ hasText: identity }).getByRole('button', { name: 'Revoke' }).click()
  await expect(popup.page.getByTestId('revoke-description')).toBeVisible()
  await popup.button('Sign and revoke').click()
  await expect(popup.page.getByTestId('revoke-done')).toBeVisible()
  // The wallet signed only the binding, not the revoke.
  expect(wallet.requests).toEqual(['eth_requestAccounts', 'personal_sign'])
  expect(await ok<Binding[]>(popup.page, 'getBindings')).toEqual([])
})

test('the wallet rejecting fails the flow with the reason; “Try again” completes it without a new confirmation', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const wallet = createTestWallet(WALLET_A)
  const { popup } = await setUp(context, serviceWorker, extensionId, wallet)
  await openBindWallet(popup)
  await connectPageWallet(popup)
  await expectWalletStep(popup, 'confirm-wallet')

  wallet.reject = true
  await popup.button('Bind').click()
  await expectWalletStep(popup, 'failed')
  await expect(popup.page.getByTestId('wallet-failed')).toHaveText(
    'The binding failed. You rejected the request in the wallet.',
  )

  wallet.reject = false
  await popup.button('Try again').click()
  await expectWalletStep(popup, 'done')
  expect(wallet.requests).toEqual(['eth_requestAccounts', 'personal_sign', 'personal_sign'])
  const bindings = await ok<Binding[]>(popup.page, 'getBindings')
  expect(bindings).toEqual([
    expect.objectContaining({ platform: 'ethereum', identity: wallet.account.address.toLowerCase(), isValid: true }),
  ])
})

test('a page whose wallet signs as another account is refused before anything is submitted', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const wallet = createTestWallet(WALLET_A)
  // The page hands over account A, but its wallet signs with B's key.
  wallet.signer = createTestWallet(WALLET_B).account
  const { popup } = await setUp(context, serviceWorker, extensionId, wallet)
  await openBindWallet(popup)
  await connectPageWallet(popup)
  await popup.button('Bind').click()
  await expectWalletStep(popup, 'failed')
  await expect(popup.page.getByTestId('wallet-failed')).toHaveText(
    'The binding failed. The wallet signed with another account than the one being bound; nothing was sent.',
  )
  expect(await ok<Binding[]>(popup.page, 'getBindings')).toEqual([])
  expect((await ok<ProofChainView>(popup.page, 'getProofChain')).links).toEqual([])
})

test('a wallet flow survives a service-worker stop: the reopened popup resumes it from home and it completes', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const wallet = createTestWallet(WALLET_A)
  const { popup, home } = await setUp(context, serviceWorker, extensionId, wallet)
  await openBindWallet(popup)
  await connectPageWallet(popup)
  await expectWalletStep(popup, 'confirm-wallet')

  // The worker stops (as Chrome does when idle) and the popup is closed and reopened.
  await stopServiceWorker(popup.page)
  await popup.reload()
  await home.expectCurrent('Key')
  const row = popup.page.getByTestId('flow-row')
  await expect(row).toHaveAttribute('data-step', 'confirm-wallet')
  await row.getByRole('button').click()
  await expect(popup.page.getByTestId('wallet-confirm')).toContainText(wallet.account.address)

  // The new worker reaches the same tab's wallet through a fresh bridge.
  await popup.button('Bind').click()
  await expectWalletStep(popup, 'done')
  expect(await ok<Binding[]>(popup.page, 'getBindings')).toEqual([
    expect.objectContaining({ platform: 'ethereum', identity: wallet.account.address.toLowerCase(), isValid: true }),
  ])
})

test('a Solana wallet (Phantom’s shape) binds through the popup and is revoked by its own signature', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const wallet = createTestWallet(WALLET_A)
  const solana = createTestSolanaWallet()
  const { popup, home } = await setUp(context, serviceWorker, extensionId, wallet, solana)
  await openBindWallet(popup, 2)
  const phantom = popup.page.getByTestId('page-wallet').filter({ hasText: 'Phantom' })
  await expect(phantom).toContainText('Solana')
  await phantom.getByRole('button', { name: 'Connect' }).click()
  await expect(popup.page.getByTestId('wallet-confirm')).toHaveText(
    `Bind ${solana.address} (Phantom, on ${DAPP_ORIGIN}) to Key?`,
  )
  await popup.button('Bind').click()
  await expectWalletStep(popup, 'done')
  expect(solana.requests).toEqual(['connect', 'signMessage'])
  expect(wallet.requests).toEqual([])
  await popup.button('Done').click()
  await popup.back()

  const listed = home.bindings().filter({ hasText: solana.address })
  await expect(listed).toHaveAttribute('data-platform', 'solana')
  await expect(listed).toContainText('Valid')
  await listed.getByRole('button', { name: 'Revoke' }).click()
  await expect(popup.page.getByTestId('revoke-description')).toBeVisible()
  // Only the Solana wallet can sign for a Solana binding: it is used without asking which.
  await popup.button('Sign with the wallet').click()
  await expect(popup.page.getByTestId('revoke-done')).toBeVisible()
  expect(solana.requests).toEqual(['connect', 'signMessage', 'connect', 'signMessage'])
  const chain = await ok<ProofChainView>(popup.page, 'getProofChain')
  expect(chain.valid).toBe(true)
  expect(chain.links.map((link) => [link.platform, link.action, link.signer])).toEqual([
    ['solana', 'create', 'avatar'],
    ['solana', 'delete', 'wallet'],
  ])
})
