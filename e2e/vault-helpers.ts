/**
 * Drives the background the way the popup does: `chrome.runtime.sendMessage` with the messaging
 * envelope from an extension page. Also stops the service worker through CDP (TOOLCHAIN.md).
 */
import type { BrowserContext, Page } from '@playwright/test'

export type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }

/** An extension page to send from (the popup's HTML; its UI is irrelevant here). */
export async function openExtensionPage(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`chrome-extension://${extensionId}/extension/popup/index.html`)
  return page
}

/** Sends one popup API request and returns the raw reply envelope. */
export async function call(page: Page, method: string, params?: unknown): Promise<Reply> {
  return page.evaluate(
    ([method, params]) => chrome.runtime.sendMessage({ channel: 'nextid-companion', api: 'popup', method, params }),
    [method, params] as const,
  )
}

/** Like call, but returns the result and throws on an error reply. */
export async function ok<T = unknown>(page: Page, method: string, params?: unknown): Promise<T> {
  const reply = await call(page, method, params)
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`)
  return reply.result as T
}

/** Stops every service worker and waits until the extension's is reported stopped. */
export async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('ServiceWorker.enable')
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.runningStatus === 'stopped')) resolve()
    })
  })
  await cdp.send('ServiceWorker.stopAllWorkers')
  await stopped
  await cdp.detach()
}
