/**
 * The dApp API against hostile pages in Chromium (issue 14): a tab hopping through 40 subdomains of
 * one site, a swarm of its tabs, a request whose page navigated away or closed, and a lock while an
 * approved KV write is on its way (the KVService behind a proxy that holds the payload back).
 * Approvals are answered through the popup API; the approval window itself has its own spec.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { loadConfig } from '../server/config.js'
import { startServer } from '../server/start-server.js'
import { createKvServiceClient } from '../src/client/index.js'
import { answer, dappCall as call, DAPP_HTML, type PendingApproval } from './dapp-helpers.js'
import { expect, test } from './fixtures.js'
import { call as callPopupApi, ok, openExtensionPage } from './vault-helpers.js'

const PRIVATE_KEY = '5c'.repeat(32)
const PASSWORD = 'e2e hostile page password'
const DAPP = 'https://dapp.example'

/** Every page of `*.attacker.example` and of dapp.example is the test dApp. */
async function serveDapps(context: BrowserContext) {
  const fulfil = (route: Parameters<Parameters<BrowserContext['route']>[1]>[0]) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: DAPP_HTML })
  await context.route('https://*.attacker.example/**', fulfil)
  await context.route(`${DAPP}/**`, fulfil)
}

/** Goes to `url` and waits for the provider. */
async function visit(page: Page, url: string) {
  await page.goto(url)
  await page.waitForFunction(() => 'nextid' in window)
}

/** Starts `count` connect requests in the page without waiting for them (a page that floods). */
function fireConnects(page: Page, count: number) {
  return page.evaluate((count) => {
    const w = window as unknown as { call(m: string): Promise<unknown>; replies: unknown[] }
    w.replies = []
    for (let i = 0; i < count; i++) void w.call('nextid_requestAvatar').then((reply) => w.replies.push(reply))
  }, count)
}

const pending = (extension: Page) => ok<PendingApproval[]>(extension, 'getPendingApprovals')

/** An unlocked vault with one avatar; returns the extension page that drives the popup API. */
async function unlockedVault(context: BrowserContext, extensionId: string, endpoints?: Record<string, string>) {
  const extension = await openExtensionPage(context, extensionId)
  const state = await ok<{ currentAvatarId: string }>(extension, 'importPrivateKey', {
    privateKey: PRIVATE_KEY,
    name: 'Key',
    password: PASSWORD,
  })
  if (endpoints) await ok(extension, 'updateSettings', { endpoints })
  return { extension, avatar: state.currentAvatarId }
}

test('a tab hopping through 40 subdomains, and a swarm of its tabs, queue no more than the caps', async ({
  context,
  extensionId,
}) => {
  const { extension } = await unlockedVault(context, extensionId)
  await serveDapps(context)

  const hopper = await context.newPage()
  for (let hop = 0; hop < 40; hop++) {
    const origin = `https://a${hop}.attacker.example`
    await visit(hopper, `${origin}/`)
    await fireConnects(hopper, 5)
    // Every request of this page has reached the background before the tab moves on.
    await expect
      .poll(async () => (await pending(extension)).filter((request) => request.origin === origin).length)
      .toBe(5)
  }
  // Only the page still open waits: the 195 requests of the pages the tab left are gone.
  const waiting = await pending(extension)
  expect(waiting.map((request) => request.origin)).toEqual(Array(5).fill('https://a39.attacker.example'))

  // The tab is at its cap, and so is the site: neither one more from this page nor from new tabs of the site.
  await expect(call(hopper, 'nextid_requestAvatar')).resolves.toEqual({
    code: -32603,
    message: 'too many requests from this site are waiting for approval (at most 5)',
  })
  for (let tab = 0; tab < 3; tab++) {
    const swarm = await context.newPage()
    await visit(swarm, `https://b${tab}.attacker.example/`)
    await expect(call(swarm, 'nextid_requestAvatar')).resolves.toEqual({
      code: -32603,
      message: 'too many requests from this site are waiting for approval (at most 5)',
    })
  }
  expect(await pending(extension)).toHaveLength(5)
})

test('a request whose page navigated away or closed is gone: it cannot be approved and connects nothing', async ({
  context,
  extensionId,
}) => {
  const { extension } = await unlockedVault(context, extensionId)
  await serveDapps(context)

  const page = await context.newPage()
  await visit(page, `${DAPP}/`)
  await fireConnects(page, 1)
  await expect.poll(async () => (await pending(extension)).length).toBe(1)
  const [left] = await pending(extension)
  await visit(page, `${DAPP}/elsewhere`)
  await expect.poll(async () => (await pending(extension)).length).toBe(0)
  const approving = await callPopupApi(extension, 'resolveApproval', { id: left?.id, approve: true })
  expect(approving).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  await expect(call(page, 'nextid_avatar')).resolves.toEqual({ result: null })

  await fireConnects(page, 1)
  await expect.poll(async () => (await pending(extension)).length).toBe(1)
  await page.close()
  await expect.poll(async () => (await pending(extension)).length).toBe(0)
})

/**
 * A proxy in front of the KVService that holds back the answer to the payload request until
 * `release()`, and records every request it passes on.
 */
async function holdingKvProxy(target: string) {
  const seen: string[] = []
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let payloadAsked: () => void = () => undefined
  const asked = new Promise<void>((resolve) => {
    payloadAsked = resolve
  })
  let payloadAnswered: () => void = () => undefined
  const answered = new Promise<void>((resolve) => {
    payloadAnswered = resolve
  })
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const route = `${incoming.method} ${incoming.url}`
    seen.push(route)
    const forward = () => {
      const upstream = httpRequest(
        new URL(incoming.url ?? '/', target),
        { method: incoming.method, headers: incoming.headers },
        (reply) => {
          outgoing.writeHead(reply.statusCode ?? 502, reply.headers)
          reply.pipe(outgoing)
        },
      )
      incoming.pipe(upstream)
    }
    if (route.startsWith('POST /v1/kv/payload')) {
      payloadAsked()
      outgoing.on('finish', payloadAnswered)
      void released.then(forward)
    } else forward()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    asked,
    answered,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

test('a lock while an approved KV write waits for its payload stops it: KVService unchanged, the page told 4900', async ({
  context,
  extensionId,
}) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-dapp-hostile-e2e-'))
  const server = await startServer(
    loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
  )
  const proxy = await holdingKvProxy(server.kvServiceUrl ?? '')
  try {
    const { extension, avatar } = await unlockedVault(context, extensionId, {
      proofServiceUrl: server.proofServiceUrl ?? '',
      kvServiceUrl: proxy.url,
    })
    await serveDapps(context)
    const page = await context.newPage()
    await visit(page, `${DAPP}/`)
    const connected = call(page, 'nextid_requestAvatar')
    await answer(extension, true)
    await expect(connected).resolves.toEqual({ result: avatar })

    const writing = call(page, 'nextid_kvSet', { patch: { score: 1 } })
    await answer(extension, true)
    await proxy.asked // approved; the payload is on its way
    await ok(extension, 'lock')
    proxy.release()
    await expect(writing).resolves.toEqual({ code: 4900, message: 'the wallet was locked' })

    // The payload reached the background after the lock; a second later nothing signed has reached
    // the KVService (a write that went on would have been submitted within milliseconds), and it
    // holds nothing for the avatar.
    await proxy.answered
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(proxy.seen.filter((route) => route.startsWith('POST /v1/kv') && !route.includes('payload'))).toEqual([])
    const kv = createKvServiceClient({ baseUrl: server.kvServiceUrl ?? '', fetch: (url, init) => fetch(url, init) })
    expect((await kv.getKv(avatar)).proofs).toEqual([])
  } finally {
    await proxy.close()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
