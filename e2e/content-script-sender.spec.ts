/**
 * The popup API answers extension pages only: a content script of this very extension (same
 * extension id, but a web page's URL) is refused before any handler runs. The test evaluates code
 * inside the relay content script's real isolated world through CDP, so the background sees a true
 * content-script sender.
 */
import { evaluateInContentScript } from './dapp-helpers.js'
import { expect, test } from './fixtures.js'
import { ok, openExtensionPage } from './vault-helpers.js'

const PAGE_URL = 'https://site.example/'
const PRIVATE_KEY = `0x${'5a'.repeat(32)}`

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
