/**
 * The dApp API end to end: a test page on https://dapp.example (routed) talks to window.nextid;
 * approvals are answered through the popup API from an extension page (the approval UI is tested
 * in its own spec).
 */
import type { Page } from '@playwright/test'
import { verifyMessage } from 'viem'
import { expect, test } from './fixtures.js'
import { ok, openExtensionPage } from './vault-helpers.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const DAPP_HTML = `<!doctype html><html><body><script>
window.announced = []
window.addEventListener('nextid:announceProvider', (event) => window.announced.push(event.detail.info))
window.dispatchEvent(new Event('nextid:requestProvider'))
window.call = (method, params) =>
  window.nextid.request({ method, params }).then((result) => ({ result }), (error) => ({ code: error.code, message: error.message }))
window.events = []
</script></body></html>`

async function openDapp(page: Page): Promise<void> {
  await page
    .context()
    .route('https://dapp.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: DAPP_HTML }),
    )
  await page.goto('https://dapp.example/')
  await page.evaluate(() => {
    const w = window as unknown as { nextid: { on(e: string, l: (d: unknown) => void): void }; events: unknown[] }
    for (const name of ['disconnect', 'avatarChanged']) w.nextid.on(name, (data) => w.events.push([name, data]))
  })
}

const call = (page: Page, method: string, params?: unknown) =>
  page.evaluate(
    ([method, params]) => (window as unknown as { call(m: string, p: unknown): Promise<unknown> }).call(method, params),
    [method, params] as const,
  ) as Promise<{ result?: unknown; code?: number; message?: string }>

/** Waits for one pending approval and answers it from the extension page. */
async function answer(extension: Page, approve: boolean) {
  await expect.poll(async () => (await ok<unknown[]>(extension, 'getPendingApprovals')).length).toBeGreaterThan(0)
  const [pending] = await ok<{ id: string; origin: string; kind: string; message?: string }[]>(
    extension,
    'getPendingApprovals',
  )
  if (!pending) throw new Error('nothing pending')
  await ok(extension, 'resolveApproval', { id: pending.id, approve })
  return pending
}

test('discovery, 4200/4100, connect rejected and approved, sign-in, refusals, disconnects and lock', async ({
  context,
  extensionId,
}) => {
  const dapp = await context.newPage()
  await openDapp(dapp)
  const announced = await dapp.evaluate(
    () => (window as unknown as { announced: { name: string; rdns: string }[] }).announced,
  )
  expect(announced[0]).toMatchObject({ name: 'NextID Companion', rdns: 'id.next.companion' })

  await expect(call(dapp, 'nextid_avatar')).resolves.toEqual({ result: null })
  await expect(call(dapp, 'eth_sendTransaction')).resolves.toEqual({
    code: 4200,
    message: 'unsupported method eth_sendTransaction',
  })
  await expect(call(dapp, 'nextid_requestAvatar')).resolves.toEqual({ code: 4100, message: 'the wallet is locked' })

  const extension = await openExtensionPage(context, extensionId)
  const state = await ok<{ currentAvatarId: string }>(extension, 'importPrivateKey', {
    privateKey: PRIVATE_KEY,
    name: 'Key',
    password: 'e2e dapp password',
  })
  const avatar = state.currentAvatarId
  await expect(call(dapp, 'nextid_signMessage', { message: 'hi' })).resolves.toMatchObject({ code: 4100 })

  const rejected = call(dapp, 'nextid_requestAvatar')
  expect(await answer(extension, false)).toMatchObject({ origin: 'https://dapp.example', kind: 'connect' })
  await expect(rejected).resolves.toEqual({ code: 4001, message: 'the user rejected the request' })
  const approved = call(dapp, 'nextid_requestAvatar')
  await answer(extension, true)
  await expect(approved).resolves.toEqual({ result: avatar })

  const signIn = call(dapp, 'nextid_signIn', { nonce: 'e2eNonce123', statement: 'Sign in to the test dApp' })
  const shown = await answer(extension, true)
  const { result } = (await signIn) as { result: { message: string; signature: `0x${string}`; address: `0x${string}` } }
  expect(result.message).toBe(shown.message)
  expect(result.message.split('\n')[0]).toBe('dapp.example wants you to sign in with your Ethereum account:')
  expect(result.message).toContain('\nURI: https://dapp.example\n')
  expect(await verifyMessage({ address: result.address, message: result.message, signature: result.signature })).toBe(
    true,
  )

  const payload =
    '{"action":"create","created_at":"1700000000","identity":"x","platform":"twitter","prev":null,"uuid":"x"}'
  await expect(call(dapp, 'nextid_signMessage', { message: payload })).resolves.toEqual({
    code: -32602,
    message: 'refused: the message is a Next.ID proof or KV payload',
  })

  // A popup-API envelope posted into the page channel goes nowhere.
  const leaked = await dapp.evaluate(async () => {
    const seen: unknown[] = []
    window.addEventListener('message', (event) => seen.push(event.data))
    window.postMessage({ channel: 'nextid-companion', api: 'popup', method: 'getState', params: undefined }, '*')
    window.postMessage({ channel: 'nextid-dapp', direction: 'page→extension', id: 'p1', method: 'getState' }, '*')
    await new Promise((resolve) => setTimeout(resolve, 300))
    return seen
  })
  expect(JSON.stringify(leaked)).not.toContain('unlocked')
  expect(leaked).toContainEqual({
    channel: 'nextid-dapp',
    direction: 'extension→page',
    id: 'p1',
    error: { code: 4200, message: 'unsupported method getState' },
  })

  await expect(call(dapp, 'nextid_disconnect')).resolves.toEqual({ result: null })
  await expect(call(dapp, 'nextid_avatar')).resolves.toEqual({ result: null })
  const again = call(dapp, 'nextid_requestAvatar')
  await answer(extension, true)
  await again
  await ok(extension, 'disconnectSite', { origin: 'https://dapp.example' })
  const reconnect = call(dapp, 'nextid_requestAvatar')
  await answer(extension, true)
  await reconnect

  const waiting = call(dapp, 'nextid_signMessage', { message: 'left waiting' })
  await expect.poll(async () => (await ok<unknown[]>(extension, 'getPendingApprovals')).length).toBe(1)
  await ok(extension, 'lock')
  await expect(waiting).resolves.toEqual({ code: 4900, message: 'the wallet was locked' })
  await expect
    .poll(() =>
      dapp.evaluate(() => (window as unknown as { events: [string, unknown][] }).events.map(([name]) => name)),
    )
    .toEqual(['avatarChanged', 'disconnect', 'avatarChanged', 'disconnect', 'avatarChanged', 'disconnect'])
})

test('fuzz: 10,000 random messages into the page channel; no worker error, answers only -32602 or ignored', async ({
  context,
  serviceWorker,
}) => {
  const errors: string[] = []
  serviceWorker.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  const dapp = await context.newPage()
  dapp.on('pageerror', (error) => errors.push(error.message))
  await openDapp(dapp)
  const codes = await dapp.evaluate(async () => {
    const answers: unknown[] = []
    window.addEventListener('message', (event) => {
      const data = event.data as { direction?: string; id?: unknown; error?: { code: number } }
      if (data?.direction === 'extension→page' && typeof data.id === 'string' && data.id.startsWith('f'))
        answers.push(data.error?.code ?? 'ok')
    })
    const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T
    const values = () =>
      pick<unknown>([null, 0, -1, 1.5, '', 'x', 'x'.repeat(70_000), [], {}, { a: 1 }, true, undefined])
    for (let i = 0; i < 10_000; i++) {
      const shape = i % 4
      const message: Record<string, unknown> =
        shape === 0
          ? { channel: 'nextid-dapp', direction: 'page→extension', id: `f${i}`, method: values(), params: values() }
          : shape === 1
            ? { channel: 'nextid-dapp', direction: 'page→extension', id: values(), method: 'nextid_avatar' }
            : shape === 2
              ? { channel: pick(['nextid-dapp', 'other', 1]), direction: values(), id: `f${i}`, event: values() }
              : {
                  channel: 'nextid-dapp',
                  direction: 'page→extension',
                  id: `f${i}`,
                  method: 'nextid_kvSet',
                  params: { patch: values() },
                }
      window.postMessage(message, '*')
    }
    await new Promise((resolve) => setTimeout(resolve, 3000))
    return [...new Set(answers)]
  })
  for (const code of codes) expect([-32602, -32603, 4100]).toContain(code)
  await expect(call(dapp, 'nextid_avatar')).resolves.toEqual({ result: null })
  expect(errors).toEqual([])
})
