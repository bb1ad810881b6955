/**
 * Drives the background the way the popup does: `chrome.runtime.sendMessage` with the messaging
 * envelope from an extension page. Also stops the service worker through CDP (TOOLCHAIN.md).
 */
import type { BrowserContext, Page } from '@playwright/test'
import { createProofServiceClient } from '../src/client/index.js'
import { addressOf, encodeBase64, getPublicKey, hexToBytes, signPersonalMessage } from '../src/crypto/index.js'

/** The test wallet bound to avatars on the local ProofService. */
export const WALLET_KEY = hexToBytes('22'.repeat(32), 'wallet')

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

/** Binds the test Ethereum wallet to the avatar with real avatar and wallet signatures (§6.4). */
export async function bindWallet(baseUrl: string, avatarKey: string, avatar: string): Promise<void> {
  const client = createProofServiceClient({ baseUrl, fetch: (url, init) => fetch(url, init) })
  const identity = addressOf(getPublicKey(WALLET_KEY))
  const payload = await client.createPayload({ action: 'create', platform: 'ethereum', identity, publicKey: avatar })
  await client.submitProof({
    action: 'create',
    platform: 'ethereum',
    identity,
    publicKey: avatar,
    uuid: payload.uuid,
    createdAt: payload.createdAt,
    signature: signPersonalMessage(payload.signPayload, hexToBytes(avatarKey, 'avatarKey')),
    walletSignature: encodeBase64(signPersonalMessage(payload.signPayload, WALLET_KEY)),
  })
}
