/**
 * nextid_kvSet / nextid_kvGet / nextid_getBindings and avatar removal against a local
 * ProofService + KVService (server/start-server.ts): writes land only under the requesting
 * origin's key of the avatar's `nextid` namespace, checked with src/client on the server itself.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../server/config.js'
import { startServer } from '../server/start-server.js'
import { createKvServiceClient, type JsonValue } from '../src/client/index.js'
import { addressOf, encodeBase64, getPublicKey, hexToBytes, signPersonalMessage } from '../src/crypto/index.js'
import { answer, dappCall as call, dappEvents, openDapp } from './dapp-helpers.js'
import { expect, test } from './fixtures.js'
import { bindWallet, ok, openExtensionPage, WALLET_KEY } from './vault-helpers.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const SECOND_KEY = '33'.repeat(32)
const PASSWORD = 'e2e dapp kv password'
const A = 'https://dapp.example'
const B = 'https://other.example'
const C = 'https://third.example'
const STRANGER_KEY = hexToBytes('44'.repeat(32), 'stranger')

type Server = Awaited<ReturnType<typeof startServer>>

async function withServer(run: (server: Server) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-dapp-kv-e2e-'))
  const server = await startServer(
    loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
  )
  try {
    await run(server)
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The avatar's `nextid` namespace as the KVService itself serves it. */
async function nextidNamespace(kvServiceUrl: string, avatar: string): Promise<unknown> {
  const client = createKvServiceClient({ baseUrl: kvServiceUrl, fetch: (url, init) => fetch(url, init) })
  const kv = await client.getKv(avatar)
  return kv.proofs.find((entry) => entry.platform === 'nextid' && entry.identity === avatar)?.content ?? null
}

/** Writes a patch into the `nextid` namespace directly with the avatar key (a key no site owns). */
async function writeDirect(kvServiceUrl: string, avatar: string, patch: JsonValue): Promise<void> {
  const client = createKvServiceClient({ baseUrl: kvServiceUrl, fetch: (url, init) => fetch(url, init) })
  const params = { avatar, platform: 'nextid', identity: avatar, patch } as const
  const payload = await client.createKvPayload(params)
  await client.submitKv({
    ...params,
    uuid: payload.uuid,
    createdAt: payload.createdAt,
    signature: signPersonalMessage(payload.signPayload, hexToBytes(PRIVATE_KEY, 'avatar')),
  })
}

test('kvSet shows the diff and writes only the origin’s key; kvGet reads it back; removal disconnects', async ({
  context,
  extensionId,
}) => {
  await withServer(async (server) => {
    const kvServiceUrl = server.kvServiceUrl ?? ''
    const extension = await openExtensionPage(context, extensionId)
    const state = await ok<{ currentAvatarId: string }>(extension, 'importPrivateKey', {
      privateKey: PRIVATE_KEY,
      name: 'Key',
      password: PASSWORD,
    })
    const avatar = state.currentAvatarId
    await ok(extension, 'updateSettings', {
      endpoints: { proofServiceUrl: server.proofServiceUrl, kvServiceUrl },
    })
    await writeDirect(kvServiceUrl, avatar, { keep: { x: 1 } })

    const [a, b, c] = [await context.newPage(), await context.newPage(), await context.newPage()]
    for (const [page, origin] of [
      [a, A],
      [b, B],
      [c, C],
    ] as const) {
      await openDapp(page, origin)
      const connected = call(page, 'nextid_requestAvatar')
      await answer(extension, true)
      await expect(connected).resolves.toEqual({ result: avatar })
    }

    const bWrite = call(b, 'nextid_kvSet', { patch: { mine: 'b' } })
    await answer(extension, true)
    await expect(bWrite).resolves.toEqual({ result: { mine: 'b' } })

    // The pending approval carries the diff; the result is the origin's key.
    const aWrite = call(a, 'nextid_kvSet', { patch: { score: 1, nested: { on: true } } })
    const shown = await answer(extension, true)
    expect(shown).toMatchObject({
      origin: A,
      kind: 'kvSet',
      changes: [{ path: [A], kind: 'added', after: { score: 1, nested: { on: true } } }],
    })
    await expect(aWrite).resolves.toEqual({ result: { score: 1, nested: { on: true } } })
    const afterA = { keep: { x: 1 }, [B]: { mine: 'b' }, [A]: { score: 1, nested: { on: true } } }
    expect(await nextidNamespace(kvServiceUrl, avatar)).toEqual(afterA)

    // Rejected: 4001 and nothing written.
    const rejected = call(a, 'nextid_kvSet', { patch: { score: 2 } })
    await answer(extension, false)
    await expect(rejected).resolves.toEqual({ code: 4001, message: 'the user rejected the request' })

    // A patch naming another origin, or "keep", stays inside the origin's own key.
    const crossing = call(a, 'nextid_kvSet', { patch: { [B]: { mine: 'hacked' }, keep: null, score: null } })
    const crossingShown = await answer(extension, true)
    for (const change of crossingShown.changes as { path: string[] }[]) expect(change.path[0]).toBe(A)
    await expect(crossing).resolves.toEqual({ result: { nested: { on: true }, [B]: { mine: 'hacked' } } })
    expect(await nextidNamespace(kvServiceUrl, avatar)).toEqual({
      keep: { x: 1 },
      [B]: { mine: 'b' },
      [A]: { nested: { on: true }, [B]: { mine: 'hacked' } },
    })
    // "__proto__" never reaches the service (json8-merge-patch would refuse it; it is a prototype trap).
    const proto = await a.evaluate(() =>
      (window as unknown as { call(m: string, p: unknown): Promise<unknown> }).call(
        'nextid_kvSet',
        JSON.parse('{"patch":{"__proto__":{"polluted":1}}}'),
      ),
    )
    expect(proto).toEqual({ code: -32602, message: '"patch" must not contain the key "__proto__"' })
    expect(await ok<unknown[]>(extension, 'getPendingApprovals')).toEqual([])

    // kvGet: each origin reads its own key; one that never wrote reads null.
    await expect(call(a, 'nextid_kvGet')).resolves.toEqual({
      result: { nested: { on: true }, [B]: { mine: 'hacked' } },
    })
    await expect(call(b, 'nextid_kvGet')).resolves.toEqual({ result: { mine: 'b' } })
    await expect(call(c, 'nextid_kvGet')).resolves.toEqual({ result: null })

    // Removing the avatar (a second one stays, so the wallet stays unlocked) disconnects its sites.
    await ok(extension, 'importPrivateKey', { privateKey: SECOND_KEY, name: 'Second' })
    await ok(extension, 'removeAvatar', { id: avatar, password: PASSWORD })
    expect(await ok<{ status: string }>(extension, 'getState')).toMatchObject({ status: 'unlocked' })
    for (const page of [a, b, c]) {
      await expect
        .poll(async () => (await dappEvents(page)).at(-1))
        .toEqual(['disconnect', { code: 4900, message: 'the avatar was removed' }])
      await expect(call(page, 'nextid_avatar')).resolves.toEqual({ result: null })
    }
  })
})

test('getBindings: a wallet bound with real signatures is verified; a tampered chain is not', async ({
  context,
  extensionId,
}) => {
  await withServer(async (server) => {
    const proofServiceUrl = server.proofServiceUrl ?? ''
    const extension = await openExtensionPage(context, extensionId)
    const state = await ok<{ currentAvatarId: string }>(extension, 'importPrivateKey', {
      privateKey: PRIVATE_KEY,
      name: 'Key',
      password: PASSWORD,
    })
    const avatar = state.currentAvatarId
    await ok(extension, 'updateSettings', { endpoints: { proofServiceUrl, kvServiceUrl: server.kvServiceUrl } })
    await bindWallet(proofServiceUrl, PRIVATE_KEY, avatar)

    const dapp = await context.newPage()
    await openDapp(dapp)
    await expect(call(dapp, 'nextid_getBindings')).resolves.toMatchObject({ code: 4100 })
    const connected = call(dapp, 'nextid_requestAvatar')
    await answer(extension, true)
    await connected
    const wallet = addressOf(getPublicKey(WALLET_KEY))
    await expect(call(dapp, 'nextid_getBindings')).resolves.toMatchObject({
      result: [{ platform: 'ethereum', identity: wallet, isValid: true, verified: true }],
    })

    // The service worker's fetch is routed too: one link re-signed by a stranger over the same text.
    await context.route(`${proofServiceUrl}/v1/proofchain?**`, async (route) => {
      const response = await route.fetch()
      const body = (await response.json()) as { proof_chain: { signature: string; signature_payload: string }[] }
      const [first] = body.proof_chain
      if (first) first.signature = encodeBase64(signPersonalMessage(first.signature_payload, STRANGER_KEY))
      await route.fulfill({ response, json: body })
    })
    await expect(call(dapp, 'nextid_getBindings')).resolves.toMatchObject({
      result: [{ platform: 'ethereum', identity: wallet, verified: false }],
    })
  })
})
