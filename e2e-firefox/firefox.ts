/**
 * Headless Firefox ESR with the Firefox build (dist-firefox/) installed as a temporary add-on,
 * driven by puppeteer-core over WebDriver BiDi (Playwright cannot install an extension into a stock
 * Firefox; TOOLCHAIN.md). Firefox's pitfalls over BiDi are handled here: `goto` of a moz-extension
 * page never resolves (started, then polled), and `waitForFunction` is unreliable (polled with
 * `evaluate`).
 */
import path from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { FIREFOX_ADDON_ID } from '../scripts/manifest.js'

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
/** The extension's moz-extension:// host, fixed through a pref so tests know its URLs. */
export const EXTENSION_UUID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f'
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`
export const POPUP_URL = `${EXTENSION_ORIGIN}/extension/popup/index.html`
/** The idle time after which Firefox suspends the event page (30 s by default; shortened here). */
export const IDLE_TIMEOUT_MS = 3_000

export type FirefoxWithExtension = { browser: Browser; close(): Promise<void> }

/** Launches Firefox and installs dist-firefox/ (build it first: npm run build:firefox). */
export async function launchFirefox(): Promise<FirefoxWithExtension> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: EXTENSION_UUID }),
      'extensions.background.idle.timeout': IDLE_TIMEOUT_MS,
      // Answers "Allow" for the user in the permission prompt a permissions.request() opens.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  })
  await browser.installExtension(path.resolve('dist-firefox'))
  return { browser, close: () => browser.close() }
}

/** Polls `check` until it returns a value other than undefined (or throws after `timeoutMs`). */
export async function poll<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Opens `url` in a new tab and waits until its document has loaded. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage()
  void page.goto(url).catch(() => undefined) // never resolves for moz-extension pages
  await poll(
    async () =>
      (await page.evaluate(() => [location.href, document.readyState])).join(' ') === `${url} complete` || undefined,
    `${url} to load`,
  )
  return page
}

/** The popup page in a tab (Firefox opens the toolbar popup only on a user's click). */
export const openPopup = (browser: Browser) => openPage(browser, POPUP_URL)

export type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }

/** Sends one popup API request from an extension page, as the popup does. */
export function callBackground(page: Page, method: string, params?: unknown): Promise<Reply> {
  return page.evaluate(
    (method, params) => chrome.runtime.sendMessage({ channel: 'nextid-companion', api: 'popup', method, params }),
    method,
    params,
  ) as Promise<Reply>
}

/** Like callBackground, but returns the result and throws on an error reply. */
export async function ok<T = unknown>(page: Page, method: string, params?: unknown): Promise<T> {
  const reply = await callBackground(page, method, params)
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`)
  return reply.result as T
}

/** Clicks the button whose visible text is `name`. */
export async function clickButton(page: Page, name: string): Promise<void> {
  await poll(
    () =>
      page.evaluate((name) => {
        // A button's name is its text, or the title line of a button that also holds a description.
        const button = [...document.querySelectorAll('button')].find(
          (candidate) =>
            candidate.textContent?.trim() === name || candidate.firstElementChild?.textContent?.trim() === name,
        )
        if (!button || button.disabled) return undefined
        button.click()
        return true
      }, name),
    `button "${name}"`,
  )
}

/** The page's visible text (innerText: what the user sees, not hidden nodes' text). */
// biome-ignore lint/performance/useDomNodeTextContent: the visible text is what the tests read.
const textOf = (page: Page) => page.evaluate(() => document.body.innerText)

/** Waits until the page's visible text contains `text`. */
export const waitForText = (page: Page, text: string, timeoutMs?: number) =>
  poll(async () => ((await textOf(page)).includes(text) ? true : undefined), `"${text}" on the page`, timeoutMs)

/** Types `value` into the field labelled `label` (as a user would, so React sees every key). */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  const marker = await poll(
    () =>
      page.evaluate((label) => {
        const found = [...document.querySelectorAll('label')].find((entry) => entry.textContent?.trim() === label)
        const control = found?.control
        if (!control) return undefined
        const id = `field-${Math.random().toString(36).slice(2)}`
        control.setAttribute('data-test-field', id)
        return id
      }, label),
    `the field "${label}"`,
  )
  await page.locator(`[data-test-field="${marker}"]`).fill(value)
}

/** Checks the checkbox labelled `label`. */
export async function check(page: Page, label: string): Promise<void> {
  await poll(
    () =>
      page.evaluate((label) => {
        const found = [...document.querySelectorAll('label')].find((entry) => entry.textContent?.trim() === label)
        const box = found?.control
        if (!(box instanceof HTMLInputElement)) return undefined
        if (!box.checked) box.click()
        return true
      }, label),
    `the checkbox "${label}"`,
  )
}

/** Saves a screenshot of `page` to docs/screenshots/<name>.png when UPDATE_SCREENSHOTS is set. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return
  await page.screenshot({ path: path.join('docs', 'screenshots', `${name}.png`) })
}
