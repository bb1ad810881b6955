/**
 * The dApp API end to end: a test page on https://dapp.example (routed) talks to window.nextid;
 * approvals are answered through the popup API from an extension page (the approval UI is tested
 * in its own spec).
 */
import { verifyMessage } from 'viem'
import { answer, dappCall as call, evaluateInContentScript, openDapp } from './dapp-helpers.js'
import { expect, test } from './fixtures.js'
import { ok, openExtensionPage } from './vault-helpers.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'

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

test('fuzz: 10,000 random messages into the page channel; no worker error, every malformed request -32602 or ignored', async ({
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
  const { malformed, wellFormed, malformedCount } = await dapp.evaluate(async () => {
    const answers = new Map<string, unknown>()
    window.addEventListener('message', (event) => {
      const data = event.data as { direction?: string; id?: unknown; error?: { code: number } }
      if (data?.direction === 'extension→page' && typeof data.id === 'string' && data.id.startsWith('f'))
        answers.set(data.id, data.error?.code ?? 'ok')
    })
    const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T
    const values = () =>
      pick<unknown>([null, 0, -1, 1.5, '', 'x', 'x'.repeat(70_000), [], {}, { a: 1 }, true, undefined])
    // The relay's and the background's shape rule: a method name, params absent or an object/array,
    // at most 64 KiB as JSON (a bad patch is well-formed: its -32602 may yield to the in-flight cap).
    const shapeOk = (method: unknown, params: unknown) =>
      typeof method === 'string' &&
      method.length > 0 &&
      method.length <= 128 &&
      (params === undefined || (typeof params === 'object' && params !== null)) &&
      JSON.stringify({ method, params }).length < 60_000
    const bad = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const shape = i % 4
      const id = `f${i}`
      let message: Record<string, unknown>
      if (shape === 0) {
        const [method, params] = [values(), values()]
        if (!shapeOk(method, params)) bad.add(id)
        message = { channel: 'nextid-dapp', direction: 'page→extension', id, method, params }
      } else if (shape === 1) {
        message = { channel: 'nextid-dapp', direction: 'page→extension', id: values(), method: 'nextid_avatar' }
      } else if (shape === 2) {
        message = { channel: pick(['nextid-dapp', 'other', 1]), direction: values(), id, event: values() }
      } else {
        const patch = values()
        if (!shapeOk('nextid_kvSet', { patch })) bad.add(id)
        message = { channel: 'nextid-dapp', direction: 'page→extension', id, method: 'nextid_kvSet', params: { patch } }
      }
      window.postMessage(message, '*')
    }
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const malformed = new Set<unknown>()
    const wellFormed = new Set<unknown>()
    for (const [id, code] of answers) (bad.has(id) ? malformed : wellFormed).add(code)
    return { malformed: [...malformed], wellFormed: [...wellFormed], malformedCount: bad.size }
  })
  expect(malformedCount).toBeGreaterThan(1000)
  expect(malformed).toEqual([-32602])
  // Well-formed requests: 4200 (unknown method), 4100 (locked), -32603 (rate limit, in flight), -32602 (kvSet params).
  for (const code of wellFormed) expect([4200, 4100, -32603, -32602]).toContain(code)
  await expect(call(dapp, 'nextid_avatar')).resolves.toEqual({ result: null })
  expect(errors).toEqual([])
})

test('fuzz: 10,000 random messages straight at the background Port from the relay world', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const errors: string[] = []
  serviceWorker.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  const dapp = await context.newPage()
  await openDapp(dapp)
  const summary = (await evaluateInContentScript(
    dapp,
    extensionId,
    `(${async () => {
      const port = chrome.runtime.connect({ name: 'nextid-dapp' })
      const replies: { id?: unknown; error?: { code: number }; result?: unknown }[] = []
      port.onMessage.addListener((message: unknown) => void replies.push(message as never))
      const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T
      const huge = () => 'y'.repeat(pick([64 * 1024 - 20, 64 * 1024, 64 * 1024 + 1, 200_000]))
      const random = (depth: number): unknown => {
        const kind = Math.floor(Math.random() * (depth > 2 ? 6 : 9))
        if (kind === 0) return null
        if (kind === 1) return pick([0, -1, 1.5, 2 ** 60, Number.MAX_SAFE_INTEGER, 1e308])
        if (kind === 2) return pick(['', 'x', 'nextid_avatar', '__proto__', 'constructor', 'toString', 'é\u0000\uffff'])
        if (kind === 3) return Math.random() < 0.02 ? huge() : 'z'.repeat(Math.floor(Math.random() * 200))
        if (kind === 4) return Math.random() < 0.5
        if (kind === 5) return undefined
        if (kind === 6) return Array.from({ length: Math.floor(Math.random() * 4) }, () => random(depth + 1))
        if (kind === 7) return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"p":1}}}')
        const object: Record<string, unknown> = {}
        for (let k = 0; k < 3; k++)
          object[pick(['a', 'patch', 'message', 'nonce', 'namespace', '__proto__'])] = random(depth + 1)
        return object
      }
      const methods = [
        'nextid_avatar',
        'nextid_requestAvatar',
        'nextid_getBindings',
        'nextid_signIn',
        'nextid_signMessage',
        'nextid_kvGet',
        'nextid_kvSet',
        'nextid_disconnect',
        'eth_accounts',
        '__proto__',
        'constructor',
        'hasOwnProperty',
      ]
      const validId = (id: unknown) =>
        (typeof id === 'string' && id.length > 0 && id.length <= 64) ||
        (Number.isSafeInteger(id) && (id as number) >= 0)
      const jsonSize = (value: unknown) => (value === undefined ? 0 : JSON.stringify(value).length)
      const malformed = new Set<unknown>()
      const ignored = new Set<unknown>()
      for (let i = 0; i < 10_000; i++) {
        const kind = i % 5
        let message: unknown
        if (kind === 0)
          message = random(0) // not even a request
        else {
          const id = kind === 1 ? random(0) : kind === 2 ? 1_000_000 + i : `r${i}`
          const method = kind === 3 ? random(0) : pick(methods)
          const params = kind === 4 && Math.random() < 0.5 ? { patch: random(1), message: random(1) } : random(0)
          message = { id, method, params, origin: 'https://evil.example' }
          if (!validId(id)) ignored.add(id)
          else if (
            kind !== 1 && // random ids repeat: only the unique ones are classified
            (typeof method !== 'string' ||
              method.length === 0 ||
              method.length > 128 ||
              (params !== undefined && (typeof params !== 'object' || params === null)) ||
              jsonSize(params) > 64 * 1024)
          )
            malformed.add(id)
        }
        try {
          port.postMessage(message)
        } catch {
          // A value the Port cannot carry never reaches the background.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 4000))
      port.postMessage({ id: 'last', method: 'nextid_avatar' })
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const malformedCodes = new Set<unknown>()
      const answeredIgnored: unknown[] = []
      for (const reply of replies) {
        if (malformed.has(reply.id)) malformedCodes.add(reply.error?.code ?? 'ok')
        if (reply.id !== undefined && ignored.has(reply.id) && !validId(reply.id)) answeredIgnored.push(reply.id)
      }
      port.disconnect()
      return {
        malformed: malformed.size,
        malformedCodes: [...malformedCodes],
        answeredIgnored,
        last: replies.find((reply) => reply.id === 'last'),
        polluted: ({} as Record<string, unknown>).polluted ?? null,
      }
    }})()`,
  )) as { malformed: number; malformedCodes: unknown[]; answeredIgnored: unknown[]; last: unknown; polluted: unknown }
  expect(summary.malformed).toBeGreaterThan(1000)
  expect(summary.malformedCodes).toEqual([-32602])
  expect(summary.answeredIgnored).toEqual([])
  expect(summary.polluted).toBeNull()
  // The worker is alive and answers a normal request afterwards (the limit's window has passed).
  expect(summary.last).toEqual({ id: 'last', result: null })
  await expect(call(dapp, 'nextid_avatar')).resolves.toEqual({ result: null })
  expect(await serviceWorker.evaluate(() => (Object.prototype as Record<string, unknown>).polluted ?? null)).toBeNull()
  expect(errors).toEqual([])
})
