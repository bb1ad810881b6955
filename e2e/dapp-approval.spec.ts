/**
 * The dApp API's user side end to end: a test dApp on https://dapp.example (served by
 * context.route) asks through window.nextid; the approval window shows the origin and the request;
 * Approve, Reject and "Reject all from this site" answer the page; the connected-sites screen lists
 * and disconnects the site. Saves docs/screenshots/25-… to 28-….
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { verifyMessage } from 'viem'
import { loadConfig } from '../server/config.js'
import { type ServerHandles, startServer } from '../server/start-server.js'
import { avatarAddress, avatarId, getPublicKey, hexToBytes } from '../src/crypto/index.js'
import { expect, test } from './fixtures.js'
import { ApprovalWindow, ConnectedSitesPage } from './pages/approval-page.js'
import { HomePage } from './pages/home-page.js'
import { OnboardingPage } from './pages/onboarding-page.js'
import { PopupPage } from './pages/popup-page.js'

const DAPP = 'https://dapp.example'
const DAPP_HTML =
  '<!doctype html><html><head><title>Dapp Example</title></head><body><h1>Dapp Example</h1></body></html>'
const PASSWORD = 'correct horse battery'
// Fixed test-only keys.
const ALICE_KEY = `0x${'d1'.repeat(32)}`
const WORK_KEY = `0x${'d2'.repeat(32)}`
const idOf = (key: string) => avatarId(getPublicKey(hexToBytes(key, 'avatar')))

type Outcome = { result?: unknown; error?: { code: number; message: string } }
type Provider = { request(args: { method: string; params?: unknown }): Promise<unknown> }

let server: ServerHandles
let dataDir: string

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-dapp-approval-e2e-'))
  server = await startServer(loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
})
test.afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A vault with two avatars (Alice, then Work, which is current), pointed at the local services. */
async function setUpVault(context: BrowserContext, extensionId: string) {
  const popup = await PopupPage.open(context, extensionId)
  const home = new HomePage(popup)
  const onboarding = new OnboardingPage(popup)
  await onboarding.importKey(ALICE_KEY, { name: 'Alice', password: PASSWORD })
  await home.expectCurrent('Alice', idOf(ALICE_KEY))
  await popup.button('Add avatar').click()
  await onboarding.importKey(WORK_KEY, { name: 'Work' })
  await home.expectCurrent('Work', idOf(WORK_KEY))
  // biome-ignore lint/correctness/useHookAtTopLevel: a page-object method named use…, not a React hook.
  await home.useCustomEndpoints(server.proofServiceUrl ?? '', server.kvServiceUrl ?? '')
  return { popup, home }
}

/** The test dApp in a tab, once the provider is there. */
async function openDapp(context: BrowserContext): Promise<Page> {
  await context.route(`${DAPP}/**`, (route) => route.fulfill({ contentType: 'text/html', body: DAPP_HTML }))
  const page = await context.newPage()
  await page.goto(`${DAPP}/`)
  await page.waitForFunction(() => 'nextid' in window)
  return page
}

/** Starts a request in the page; settles with its result or its `{ code, message }`. */
function request(page: Page, method: string, params?: unknown): Promise<Outcome> {
  return page.evaluate(
    async ([method, params]) => {
      const provider = (window as unknown as { nextid: Provider }).nextid
      try {
        return { result: await provider.request(params === undefined ? { method } : { method, params }) }
      } catch (error) {
        const { code, message } = error as { code: number; message: string }
        return { error: { code, message } }
      }
    },
    [method, params] as const,
  )
}

/** The approval window, sized as the background opens it (380×640) for screenshots. */
async function approvalWindow(context: BrowserContext): Promise<ApprovalWindow> {
  const window = await ApprovalWindow.waitFor(context)
  await window.page.setViewportSize({ width: 380, height: 640 })
  return window
}

/** Connects the dApp to the current avatar (Work) through the approval window, which then closes. */
async function connect(context: BrowserContext, dapp: Page) {
  const connecting = request(dapp, 'nextid_requestAvatar')
  const window = await approvalWindow(context)
  await window.approve()
  expect(await connecting).toEqual({ result: idOf(WORK_KEY) })
  await window.expectClosed()
}

/** The vault set up and the test dApp open and connected to Work. */
async function connectedDapp(context: BrowserContext, extensionId: string): Promise<Page> {
  await setUpVault(context, extensionId)
  const dapp = await openDapp(context)
  await connect(context, dapp)
  return dapp
}

test('connect: the window shows the origin; Approve shares the picked avatar, Reject answers 4001', async ({
  context,
  extensionId,
}) => {
  await setUpVault(context, extensionId)
  const dapp = await openDapp(context)

  const connecting = request(dapp, 'nextid_requestAvatar')
  const window = await approvalWindow(context)
  await window.expectRequest('connect', DAPP)
  await expect(window.position()).toHaveText('1 of 1')
  await expect(window.page.getByLabel('Avatar to share', { exact: true })).toHaveValue(idOf(WORK_KEY))
  await window.shareAvatar(`Alice · ${idOf(ALICE_KEY).slice(0, 8)}…${idOf(ALICE_KEY).slice(-4)}`)
  await window.screenshot('25-approval-connect')
  await window.approve()
  expect(await connecting).toEqual({ result: idOf(ALICE_KEY) })
  await window.expectClosed()
  expect(await request(dapp, 'nextid_avatar')).toEqual({ result: idOf(ALICE_KEY) })

  expect(await request(dapp, 'nextid_disconnect')).toEqual({ result: null })
  const again = request(dapp, 'nextid_requestAvatar')
  const second = await approvalWindow(context)
  await second.expectRequest('connect', DAPP)
  await second.reject()
  expect((await again).error?.code).toBe(4001)
  await second.expectClosed()
  expect(await request(dapp, 'nextid_avatar')).toEqual({ result: null })
})

test('"Reject all from this site" rejects every waiting request with 4001', async ({ context, extensionId }) => {
  const dapp = await connectedDapp(context, extensionId)

  const first = request(dapp, 'nextid_signMessage', { message: 'First message' })
  const window = await approvalWindow(context)
  await window.expectRequest('signMessage', DAPP)
  const second = request(dapp, 'nextid_signMessage', { message: 'Second message' })
  await expect(window.position()).toHaveText('1 of 2')
  await expect(window.message()).toHaveText('First message')
  await window.rejectAll()
  expect((await first).error?.code).toBe(4001)
  expect((await second).error?.code).toBe(4001)
  await window.expectClosed()
})

test('a double click approves one request: the next card’s Approve waits before it takes a click', async ({
  context,
  extensionId,
}) => {
  const dapp = await connectedDapp(context, extensionId)

  // A harmless request, then a hostile one laid out the same way, queued behind it.
  const harmless = request(dapp, 'nextid_signMessage', { message: 'Hello from dapp.example' })
  const window = await approvalWindow(context)
  await window.expectRequest('signMessage', DAPP)
  const hostile = request(dapp, 'nextid_signMessage', { message: 'I transfer my dapp.example account to 0xattacker.' })
  await expect(window.position()).toHaveText('1 of 2')
  const approve = window.page.getByRole('button', { name: 'Approve', exact: true })
  await expect(approve).toHaveAttribute('data-armed', 'true')
  const box = await approve.boundingBox()
  if (!box) throw new Error('Approve has no box')
  // Two real clicks 150 ms apart on the same spot: the second lands on the next card's Approve.
  await window.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await window.page.waitForTimeout(150)
  await window.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)

  expect(await harmless).toMatchObject({ result: { message: 'Hello from dapp.example' } })
  await expect(window.message()).toHaveText('I transfer my dapp.example account to 0xattacker.')
  await expect(window.position()).toHaveText('1 of 1')
  await window.reject()
  expect((await hostile).error?.code).toBe(4001)
  await window.expectClosed()
})

test('the text to sign is shown whole, hidden characters by their code points, with warnings', async ({
  context,
  extensionId,
}) => {
  const dapp = await connectedDapp(context, extensionId)

  const signing = request(dapp, 'nextid_signMessage', { message: 'Pay alice\u202E 1 ETH\u200B' })
  const window = await approvalWindow(context)
  await window.expectRequest('signMessage', DAPP)
  await expect(window.message()).toHaveText('Pay aliceU+202E 1 ETHU+200B')
  const warnings = window.page.getByTestId('approval-text-warning')
  await expect(warnings).toHaveCount(2)
  await expect(warnings.first()).toContainText('reverse or reorder')
  // The avatar was imported from a key: its Ethereum account signs too, and the user is told which.
  await expect(window.page.getByTestId('approval-wallet-account')).toContainText(avatarAddress(idOf(WORK_KEY)))
  await window.reject()
  expect((await signing).error?.code).toBe(4001)
})

test('sign-in shows the exact message it signs; kvSet shows the diff before writing', async ({
  context,
  extensionId,
}) => {
  const dapp = await connectedDapp(context, extensionId)

  const signingIn = request(dapp, 'nextid_signIn', { nonce: 'k7Qd82mZp1xYw4Ra', statement: 'Sign in to Dapp Example' })
  const window = await approvalWindow(context)
  await window.expectRequest('signIn', DAPP)
  await expect(window.message()).toContainText('dapp.example wants you to sign in with your Ethereum account:')
  const shown = await window.message().textContent()
  await window.screenshot('26-approval-sign-in')
  await window.approve()
  const signIn = (await signingIn).result as { message: string; signature: `0x${string}`; address: `0x${string}` }
  expect(signIn.message).toBe(shown)
  expect(await verifyMessage({ address: signIn.address, message: signIn.message, signature: signIn.signature })).toBe(
    true,
  )
  await window.expectClosed()

  const writing = request(dapp, 'nextid_kvSet', { patch: { theme: 'dark', favourites: ['nextid'] } })
  const kvWindow = await approvalWindow(context)
  await kvWindow.expectRequest('kvSet', DAPP)
  await expect(kvWindow.diff()).toContainText(DAPP)
  await kvWindow.screenshot('27-approval-kv-set')
  await kvWindow.approve()
  expect(await writing).toEqual({ result: { theme: 'dark', favourites: ['nextid'] } })
  expect(await request(dapp, 'nextid_kvGet')).toEqual({ result: { theme: 'dark', favourites: ['nextid'] } })
})

test('the connected-sites screen lists the site; Disconnect makes nextid_avatar answer null', async ({
  context,
  extensionId,
}) => {
  const { popup, home } = await setUpVault(context, extensionId)
  const dapp = await openDapp(context)
  await connect(context, dapp)
  await dapp.evaluate(() => {
    const provider = (window as unknown as { nextid: { on(event: string, listener: (data: unknown) => void): void } })
      .nextid
    provider.on('disconnect', (data) => {
      ;(window as unknown as { disconnected: unknown }).disconnected = data
    })
  })

  await popup.page.bringToFront()
  await home.openSettings()
  await popup.button('Connected sites').click()
  await popup.expectHeading('Connected sites')
  const sites = new ConnectedSitesPage(popup.page)
  await expect(sites.sites()).toHaveCount(1)
  await expect(sites.site(DAPP)).toContainText(`Avatar: Work (${idOf(WORK_KEY).slice(0, 8)}…`)
  await popup.screenshot('28-connected-sites')
  await sites.disconnect(DAPP)
  await expect(popup.page.getByText('No site is connected.')).toBeVisible()

  expect(await request(dapp, 'nextid_avatar')).toEqual({ result: null })
  await expect
    .poll(() => dapp.evaluate(() => (window as unknown as { disconnected?: { code: number } }).disconnected?.code))
    .toBe(4900)
})
