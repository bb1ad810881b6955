/**
 * A test dApp for the dApp API specs: an https page (routed) whose `window.call` wraps
 * `window.nextid.request` and whose `window.events` records provider events; approvals are
 * answered through the popup API from an extension page (the approval UI has its own spec).
 */
import type { Page } from '@playwright/test'
import { expect } from './fixtures.js'
import { ok } from './vault-helpers.js'

export const DAPP_HTML = `<!doctype html><html><body><script>
window.announced = []
window.addEventListener('nextid:announceProvider', (event) => window.announced.push(event.detail.info))
window.dispatchEvent(new Event('nextid:requestProvider'))
window.call = (method, params) =>
  window.nextid.request({ method, params }).then((result) => ({ result }), (error) => ({ code: error.code, message: error.message }))
window.events = []
</script></body></html>`

/** Opens the test dApp at `origin` (default https://dapp.example) and records its provider events. */
export async function openDapp(page: Page, origin = 'https://dapp.example'): Promise<void> {
  await page
    .context()
    .route(`${origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: DAPP_HTML }))
  await page.goto(`${origin}/`)
  await page.evaluate(() => {
    const w = window as unknown as { nextid: { on(e: string, l: (d: unknown) => void): void }; events: unknown[] }
    for (const name of ['disconnect', 'avatarChanged']) w.nextid.on(name, (data) => w.events.push([name, data]))
  })
}

export type DappReply = { result?: unknown; code?: number; message?: string }

/** Calls `window.nextid.request` in the dApp page; resolves `{ result }` or `{ code, message }`. */
export const dappCall = (page: Page, method: string, params?: unknown) =>
  page.evaluate(
    ([method, params]) => (window as unknown as { call(m: string, p: unknown): Promise<unknown> }).call(method, params),
    [method, params] as const,
  ) as Promise<DappReply>

/** The provider events the dApp page received, as `[name, data]`. */
export const dappEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { events: [string, unknown][] }).events)

export type PendingApproval = {
  id: string
  origin: string
  kind: string
  message?: string
  changes?: unknown[]
}

/** Waits for one pending approval and answers it from the extension page. */
export async function answer(extension: Page, approve: boolean): Promise<PendingApproval> {
  await expect.poll(async () => (await ok<unknown[]>(extension, 'getPendingApprovals')).length).toBeGreaterThan(0)
  const [pending] = await ok<PendingApproval[]>(extension, 'getPendingApprovals')
  if (!pending) throw new Error('nothing pending')
  await ok(extension, 'resolveApproval', { id: pending.id, approve })
  return pending
}

/** Runs an expression in this extension's content-script (relay) world of `page` through CDP. */
export async function evaluateInContentScript(page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page)
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = []
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context))
  await cdp.send('Runtime.enable')
  const world = contexts.find(
    (context) => context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${extensionId}`,
  )
  if (!world) throw new Error(`no content-script world among ${JSON.stringify(contexts)}`)
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  })
  await cdp.detach()
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text)
  return result.value
}
