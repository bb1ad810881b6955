/**
 * Playwright fixtures: a fresh Chromium profile with the built extension (dist/) loaded, its
 * service worker and its id. Uses Debian's /usr/bin/chromium (a downloaded browser cannot work here).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, test as base, chromium, type Worker } from '@playwright/test'

export const DIST = path.resolve(import.meta.dirname, '..', 'dist')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

type ExtensionFixtures = {
  /** The browser's UI language (chrome.i18n), e.g. 'zh-CN'; Chromium's default (en-US) when unset. */
  uiLocale: string | undefined
  context: BrowserContext
  serviceWorker: Worker
  extensionId: string
}

/**
 * Chromium with the built extension loaded, in a fresh profile folder. The flags keep Chromium off
 * the network this machine does not have (TOOLCHAIN.md).
 */
export function launchWithExtension(
  profile: string,
  { uiLocale, ...options }: { viewport?: { width: number; height: number }; uiLocale?: string | undefined } = {},
) {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...options,
    // chrome.i18n follows the browser's UI language: --lang, and LANGUAGE on Linux.
    ...(uiLocale ? { locale: uiLocale, env: { ...process.env, LANGUAGE: uiLocale.replace('-', '_') } } : {}),
    args: [
      ...(uiLocale ? [`--lang=${uiLocale}`] : []),
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const test = base.extend<ExtensionFixtures>({
  uiLocale: [undefined, { option: true }],
  context: async ({ uiLocale }, use) => {
    const profile = mkdtempSync(path.join(tmpdir(), 'nextid-e2e-'))
    const context = await launchWithExtension(profile, { uiLocale })
    await use(context)
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  },
  serviceWorker: async ({ context }, use) => {
    const [existing] = context.serviceWorkers()
    await use(existing ?? (await context.waitForEvent('serviceworker')))
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host)
  },
})

export const expect = test.expect
