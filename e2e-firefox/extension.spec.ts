/**
 * The Firefox build (dist-firefox/) in headless Firefox ESR, with the event page suspended after
 * IDLE_TIMEOUT_MS idle: install, popup, onboarding through the UI (also with the phrase on screen
 * past the idle timeout), the vault across a suspension, the auto-lock alarm, a DNS binding across a
 * suspension against the local server, the dApp provider and approval window, site access withdrawn
 * and given back through the popup's "Allow" (Firefox's permission prompt answered by a pref), and
 * the X helper on its fixture page. Run by `npm run test:firefox` (scripts/test.sh).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeX, FAKE_X_URLS } from '../e2e/fake-x.js'
import { SESSION_KEY } from '../extension/background/vault/unlock-session.js'
import type { BackgroundStatus, PostBindingFlow, WalletState } from '../extension/messaging/catalogue.js'
import { startLocalServices } from '../test/support/start-local-services.js'
import {
  check,
  clickButton,
  type FirefoxWithExtension,
  fillField,
  IDLE_TIMEOUT_MS,
  launchFirefox,
  ok,
  openPage,
  openPopup,
  POPUP_URL,
  poll,
  saveScreenshot,
  waitForText,
} from './firefox.js'

const PASSWORD = 'firefox e2e password'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const UNUSED_KV_URL = 'http://127.0.0.1:8788'

let firefox: FirefoxWithExtension
beforeEach(async () => {
  firefox = await launchFirefox()
})
afterEach(async () => {
  await firefox?.close()
})

const statusOf = (page: Page) => ok<BackgroundStatus>(page, 'getStatus')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** Long enough, without a message, for Firefox to suspend the idle event page. */
const letTheBackgroundSleep = () => sleep(IDLE_TIMEOUT_MS * 2 + 2_000)

/** Goes through "Create a new avatar" in the popup; `whileShown` runs with the phrase on screen. */
async function createThroughTheUi(popup: Page, name: string, whileShown: () => Promise<void> = async () => {}) {
  await clickButton(popup, 'Create a new avatar')
  const words = await poll(async () => {
    const found = await popup.evaluate(() =>
      [...document.querySelectorAll('[data-testid="phrase-grid"] .word')].map((word) => word.textContent ?? ''),
    )
    return found.length === 12 ? found : undefined
  }, 'the phrase')
  await whileShown()
  await check(popup, 'I wrote the phrase down')
  await clickButton(popup, 'Continue')
  const positions = await poll(async () => {
    const labels = await popup.evaluate(() =>
      [...document.querySelectorAll('label')].map((label) => label.textContent?.trim() ?? ''),
    )
    const asked = labels.filter((label) => /^Word #\d+$/.test(label))
    return asked.length === 3 ? asked : undefined
  }, 'the quiz')
  for (const label of positions) await fillField(popup, label, words[Number(label.slice(6)) - 1] ?? '')
  await clickButton(popup, 'Continue')
  await fillField(popup, 'Avatar name', name)
  await fillField(popup, 'Password', PASSWORD)
  await fillField(popup, 'Confirm password', PASSWORD)
  await clickButton(popup, 'Create a new avatar')
  // Home: the avatar switcher shows the new avatar as the current one.
  await poll(
    () =>
      popup.evaluate(
        (name) =>
          [...document.querySelectorAll('option:checked')].some((option) => option.textContent === name) || undefined,
        name,
      ),
    `home with ${name} current`,
  )
}

async function importKey(popup: Page, endpoints?: { proofServiceUrl: string | null }) {
  await ok(popup, 'importPrivateKey', { privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD })
  if (endpoints) {
    await ok(popup, 'updateSettings', {
      endpoints: { proofServiceUrl: endpoints.proofServiceUrl, kvServiceUrl: UNUSED_KV_URL },
    })
  }
}

describe('Firefox', () => {
  it('the Firefox build is the Chromium bundle: only manifest.json differs', () => {
    const files = (root: string) =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
        .sort()
    expect(files('dist-firefox')).toEqual(files('dist'))
    const differing = files('dist').filter(
      (file) => !readFileSync(path.join('dist', file)).equals(readFileSync(path.join('dist-firefox', file))),
    )
    expect(differing).toEqual(['manifest.json'])
  })

  it('installs; the popup renders; onboarding through the UI reaches home', async () => {
    const services = await startLocalServices()
    try {
      const popup = await openPopup(firefox.browser)
      await popup.setViewport({ width: 360, height: 600 })
      await waitForText(popup, 'NextID Companion')
      expect(await statusOf(popup)).toMatchObject({ version: '0.1.0', ready: true })
      await saveScreenshot(popup, '48-firefox-welcome')
      await createThroughTheUi(popup, 'Firefox')
      expect(await ok<WalletState>(popup, 'getState')).toMatchObject({ status: 'unlocked' })
      // Home again, on the local server: the avatar with its (still empty) bindings.
      await ok(popup, 'updateSettings', {
        endpoints: { proofServiceUrl: services.server.proofServiceUrl, kvServiceUrl: UNUSED_KV_URL },
      })
      const home = await openPopup(firefox.browser)
      await home.setViewport({ width: 360, height: 600 })
      await waitForText(home, 'No bindings yet')
      await saveScreenshot(home, '49-firefox-home')
    } finally {
      await services.stop()
    }
  })

  it('onboarding completes when the phrase stays on screen past the idle timeout (the event page slept)', async () => {
    const popup = await openPopup(firefox.browser)
    const before = await statusOf(popup)
    await createThroughTheUi(popup, 'Patient', letTheBackgroundSleep)
    expect((await statusOf(popup)).startedAt).toBeGreaterThan(before.startedAt)
  })

  it('the vault stays unlocked after the event page was suspended', async () => {
    const popup = await openPopup(firefox.browser)
    await importKey(popup)
    const before = await statusOf(popup)
    await letTheBackgroundSleep()
    expect(await ok<WalletState>(popup, 'getState')).toMatchObject({ status: 'unlocked' })
    expect((await statusOf(popup)).startedAt).toBeGreaterThan(before.startedAt)
  })

  it('the auto-lock alarm fires on its own and locks the vault', async () => {
    const popup = await openPopup(firefox.browser)
    await importKey(popup)
    await ok(popup, 'updateSettings', { autoLockMinutes: 1 })
    await ok(popup, 'lock')
    await ok(popup, 'unlock', { password: PASSWORD }) // the deadline is now a minute away
    const unlocked = await ok<Extract<WalletState, { status: 'unlocked' }>>(popup, 'getState')
    // Watched in storage.session directly — asking the background would lock it on the way (enforceDeadline).
    const sessionKeyHeld = () =>
      popup.evaluate(async (key) => key in (await chrome.storage.session.get(key)), SESSION_KEY)
    expect(await sessionKeyHeld()).toBe(true)
    await sleep(Math.max(0, unlocked.lockAt - Date.now()))
    await poll(async () => ((await sessionKeyHeld()) ? undefined : true), 'the alarm to lock', 30_000)
    expect(await ok<WalletState>(popup, 'getState')).toMatchObject({ status: 'locked' })
  }, 150_000)

  it('a DNS binding completes across a suspension against the local server', async () => {
    const services = await startLocalServices()
    try {
      const popup = await openPopup(firefox.browser)
      await importKey(popup, services.server)
      const domain = 'firefox-flow.example'
      services.simulator.state.dns.addTxt(domain, 'v=spf1 -all')
      const started = await ok<PostBindingFlow>(popup, 'startBinding', { platform: 'dns', identity: domain })
      const waiting = await ok<PostBindingFlow>(popup, 'submitBinding', { flowId: started.id, proofLocation: '' })
      expect(waiting).toMatchObject({ step: 'submit', status: { code: 'not-accepted-yet' } })
      const before = await statusOf(popup)
      await letTheBackgroundSleep()
      services.simulator.state.dns.addTxt(domain, started.postText)
      const done = await poll(
        async () => (await ok<PostBindingFlow[]>(popup, 'getFlows')).find((flow) => flow.step === 'done'),
        'the flow to complete',
        60_000,
      )
      expect(done.id).toBe(started.id)
      expect((await statusOf(popup)).startedAt).toBeGreaterThan(before.startedAt)
    } finally {
      await services.stop()
    }
  }, 120_000)

  it('window.nextid exists at document_start; a connect request is approved in the approval window', async () => {
    const dapp = await serveDapp()
    try {
      const popup = await openPopup(firefox.browser)
      await importKey(popup)
      const { currentAvatarId } = await ok<Extract<WalletState, { status: 'unlocked' }>>(popup, 'getState')
      const page = await openPage(firefox.browser, dapp.url)
      // The page's first inline script ran with the provider already there.
      expect(await page.evaluate(() => (window as unknown as { providerAtStart: boolean }).providerAtStart)).toBe(true)
      const connecting = page.evaluate(() =>
        (window as unknown as { nextid: { request(a: { method: string }): Promise<unknown> } }).nextid.request({
          method: 'nextid_requestAvatar',
        }),
      )
      const approval = await approvalWindow(firefox.browser)
      await waitForText(approval, dapp.origin)
      await saveScreenshot(approval, '50-firefox-approval')
      await clickButton(approval, 'Approve')
      expect(await connecting).toBe(currentAvatarId)
      expect(
        await page.evaluate(() =>
          (window as unknown as { nextid: { request(a: { method: string }): Promise<unknown> } }).nextid.request({
            method: 'nextid_avatar',
          }),
        ),
      ).toBe(currentAvatarId)
    } finally {
      await dapp.close()
    }
  })

  it('site access to gist.github.com withdrawn: the flow says so; "Allow on GitHub" asks Firefox and the notice goes', async () => {
    const services = await startLocalServices()
    try {
      const popup = await openPopup(firefox.browser)
      await importKey(popup, services.server)
      await ok(popup, 'startBinding', { platform: 'github', identity: 'alice' })
      const gist = { origins: ['https://gist.github.com/*'] }
      const hasAccess = () => popup.evaluate((wanted) => chrome.permissions.contains(wanted), gist)
      expect(await hasAccess()).toBe(true)
      // What turning off every site's access under the add-on's permissions in about:addons does.
      const granted = await popup.evaluate(async () => (await chrome.permissions.getAll()).origins ?? [])
      expect(granted).toContain('https://gist.github.com/*')
      await popup.evaluate((origins) => chrome.permissions.remove({ origins }), granted)
      expect(await hasAccess()).toBe(false)

      const flowScreen = await openPopup(firefox.browser)
      await flowScreen.click('[data-testid="flow-row"] button')
      const notice = () =>
        flowScreen.evaluate(() => document.querySelector('[data-testid="site-access-missing"]')?.textContent ?? null)
      await poll(async () => ((await notice())?.includes('Allow on GitHub') ? true : undefined), 'the notice')
      await saveScreenshot(flowScreen, '69-firefox-site-access-missing')
      // A real click (Firefox grants only from a user's input), answered "yes" by the
      // extensions.webextOptionalPermissionPrompts pref that stands for the user in the prompt.
      await flowScreen.click('[data-testid="site-access-missing"] button')
      await poll(async () => ((await notice()) === null ? true : undefined), 'the notice to go')
      expect(await hasAccess()).toBe(true)
    } finally {
      await services.stop()
    }
  }, 90_000)

  it('the X helper fills the compose intent on its fixture page and the tweet binds', async () => {
    const services = await startLocalServices()
    try {
      services.simulator.state.twitter.addUser({ id: '1467726470533754900', username: 'alice' })
      const popup = await openPopup(firefox.browser)
      await importKey(popup, services.server)
      const flow = await ok<PostBindingFlow>(popup, 'startBinding', { platform: 'twitter', identity: 'alice' })
      const x = createFakeX({ loggedInAs: 'alice', twitter: services.simulator.state.twitter })
      const page = await firefox.browser.newPage()
      await page.setRequestInterception(true)
      page.on('request', (request) => {
        if (!FAKE_X_URLS.test(request.url())) return void request.continue()
        void (async () => {
          const postData = request.hasPostData() ? ((await request.fetchPostData()) ?? null) : null
          await request.respond(x.answer({ method: request.method(), url: request.url(), postData }))
        })()
      })
      await page.goto(flow.publishUrl ?? '')
      const banner = () =>
        page.evaluate(() => document.querySelector('#nextid-companion-banner')?.getAttribute('aria-label') ?? undefined)
      await poll(
        async () => ((await banner()) === 'Post this tweet to bind @alice' ? true : undefined),
        'ready',
        20_000,
      )
      await saveScreenshot(page, '51-firefox-x-helper')
      await page.click('button[data-testid="tweetButton"]')
      await poll(async () => ((await banner()) === '@alice is bound' ? true : undefined), 'bound', 30_000)
      expect(x.posts).toEqual([{ id: expect.any(String), text: flow.postText }])
      await poll(
        async () => (await ok<PostBindingFlow[]>(popup, 'getFlows')).find((each) => each.step === 'done'),
        'the flow to complete',
        30_000,
      )
    } finally {
      await services.stop()
    }
  }, 90_000)
})

/**
 * The approval window the background opened (a moz-extension page at …#approval). Over BiDi its
 * `page.url()` stays about:blank, so each page is asked where it is.
 */
async function approvalWindow(browser: Browser): Promise<Page> {
  return poll(async () => {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '')
      if (href === `${POPUP_URL}#approval`) return page
    }
    return undefined
  }, 'the approval window')
}

/** A test dApp on http://127.0.0.1 whose first script records whether the provider was already there. */
async function serveDapp(): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const html = `<!doctype html><html><head><script>window.providerAtStart = 'nextid' in window</script>
<title>Firefox dApp</title></head><body><h1>Firefox dApp</h1></body></html>`
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/`,
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
