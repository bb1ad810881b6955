/**
 * The popup API answers extension pages only: a content script of this very extension (same
 * extension id, but a web page's URL) is refused before any handler runs. The test evaluates code
 * inside the relay content script's real isolated world through CDP, so the background sees a true
 * content-script sender.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { ok, openExtensionPage } from './vault-helpers.js'

const PAGE_URL = 'https://site.example/'
const PRIVATE_KEY = `0x${'5a'.repeat(32)}`

/** Runs an expression in this extension's content-script world of `page` and returns its value. */
async function evaluateInContentScript(page: Page, extensionId: string, expression: string): Promise<unknown> {
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
  if (exceptionDetails) throw new Error(exceptionDetails.text)
  return result.value
}

test('a content script of this extension cannot call the popup API', async ({ context, extensionId }) => {
  const extensionPage = await openExtensionPage(context, extensionId)
  await ok(extensionPage, 'importPrivateKey', { privateKey: PRIVATE_KEY, name: 'Alice', password: 'correct horse 1' })

  await context.route(`${PAGE_URL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>site</title><p>hello</p>' }),
  )
  const page = await context.newPage()
  await page.goto(PAGE_URL)

  for (const [method, params] of [
    ['getState', undefined],
    ['revealSecret', { id: 'x', password: 'correct horse 1' }],
    ['exportBackup', { password: 'correct horse 1' }],
    ['lock', undefined],
  ] as const) {
    const reply = await evaluateInContentScript(
      page,
      extensionId,
      `chrome.runtime.sendMessage(${JSON.stringify({ channel: 'nextid-companion', api: 'popup', method, params })})`,
    )
    expect(reply).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'popup API is not available to this sender' },
    })
  }
  // Nothing changed: still unlocked, as the refused `lock` must not have run.
  expect(await ok<{ status: string }>(extensionPage, 'getState')).toMatchObject({ status: 'unlocked' })
})
