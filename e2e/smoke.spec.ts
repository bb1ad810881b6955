import { expect, test } from './fixtures.js'

// The id is pinned by the manifest "key"; a changed key would silently change every stored origin.
const PINNED_EXTENSION_ID = 'bpmnpgjfpnkihnhbjpkckligkmmgdhgp'

test('the built extension loads with its pinned id', async ({ extensionId }) => {
  expect(extensionId).toBe(PINNED_EXTENSION_ID)
})

test('the popup renders the status the service worker answers', async ({ context, extensionId }) => {
  const popup = await context.newPage()
  await popup.goto(`chrome-extension://${extensionId}/extension/popup/index.html`)
  await expect(popup.getByRole('heading', { name: 'NextID Companion' })).toBeVisible()
  await expect(popup.getByTestId('background-status')).toHaveText('Background ready · Version 0.1.0')
})

test('the service worker refuses an unknown method with a typed error', async ({ context, extensionId }) => {
  const page = await context.newPage()
  await page.goto(`chrome-extension://${extensionId}/extension/popup/index.html`)
  const reply = await page.evaluate(() =>
    chrome.runtime.sendMessage({ channel: 'nextid-companion', api: 'popup', method: 'exportKey', params: undefined }),
  )
  expect(reply).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'unknown method popup.exportKey' } })
})
