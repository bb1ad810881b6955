import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../../src/errors.js'
import type { RequestingPage } from './approval-queue.js'
import { DappError } from './dapp-error.js'
import type { DappCaller, DappService } from './dapp-service.js'
import { createPortServer, type DappPort, parseRequest, portOrigin } from './port-server.js'
import { createRateLimiter } from './rate-limit.js'

const tab = { id: 1 }

describe('portOrigin', () => {
  it('takes the origin from the sender of a top-frame http(s) tab only', () => {
    expect(portOrigin({ tab, frameId: 0, url: 'https://dapp.example/page?x', origin: 'https://dapp.example' })).toBe(
      'https://dapp.example',
    )
    expect(portOrigin({ tab, url: 'http://localhost:3000/' })).toBe('http://localhost:3000')
    expect(portOrigin({ url: 'https://dapp.example/' })).toBeUndefined() // no tab: not a page
    expect(portOrigin({ tab, frameId: 3, url: 'https://dapp.example/' })).toBeUndefined()
    expect(portOrigin({ tab, url: 'chrome-extension://abc/x.html' })).toBeUndefined()
    expect(portOrigin({ tab, url: 'file:///etc/passwd' })).toBeUndefined()
    expect(portOrigin({ tab, url: 'https://a.example/', origin: 'https://b.example' })).toBeUndefined()
    expect(portOrigin(undefined)).toBeUndefined()
  })
})

describe('parseRequest', () => {
  it('drops messages without a usable id and answers -32602 for a bad method or params', () => {
    for (const message of [
      null,
      1,
      'x',
      [],
      {},
      { id: '' },
      { id: -1 },
      { id: 1.5 },
      { id: 'x'.repeat(65) },
      { id: {} },
    ]) {
      expect(parseRequest(message)).toBeUndefined()
    }
    expect(parseRequest({ id: 1, method: 2 })).toEqual({
      id: 1,
      error: { code: -32602, message: 'expected a method name' },
    })
    expect(parseRequest({ id: 'a', method: 'm', params: 'x' })).toEqual({
      id: 'a',
      error: { code: -32602, message: 'params must be an object or an array' },
    })
    expect(parseRequest({ id: 'a', method: 'm', params: [1] })).toEqual({ id: 'a', method: 'm', params: [1] })
  })

  it('answers -32602 for params that are not JSON or exceed 64 KiB, and passes 64 KiB exactly', () => {
    const tooBig = { id: 1, error: { code: -32602, message: 'params are not JSON or exceed 64 KiB' } }
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(parseRequest({ id: 1, method: 'm', params: cyclic })).toEqual(tooBig)
    expect(parseRequest({ id: 1, method: 'm', params: { n: 1n } })).toEqual(tooBig)
    expect(parseRequest({ id: 1, method: 'm', params: ['x'.repeat(64 * 1024 - 3)] })).toEqual(tooBig)
    const fits = ['x'.repeat(64 * 1024 - 4)] // 4 = the brackets and quotes
    expect(parseRequest({ id: 1, method: 'm', params: fits })).toEqual({ id: 1, method: 'm', params: fits })
  })
})

function fakePort(sender: NonNullable<DappPort['sender']>) {
  const sent: unknown[] = []
  const listeners: ((message: unknown) => void)[] = []
  const gone: (() => void)[] = []
  const port: DappPort & {
    sent: unknown[]
    deliver(message: unknown): void
    drop(): void
    disconnected: boolean
  } = {
    name: 'nextid-dapp',
    sender,
    sent,
    disconnected: false,
    postMessage: (message) => void sent.push(message),
    disconnect() {
      port.disconnected = true
    },
    onMessage: { addListener: (listener) => void listeners.push(listener) },
    onDisconnect: { addListener: (listener) => void gone.push(listener) },
    deliver: (message) => {
      for (const listener of listeners) listener(message)
    },
    drop: () => {
      for (const listener of gone) listener()
    },
  }
  return port
}

describe('createPortServer', () => {
  const seen: [string, string, unknown][] = []
  const callers: DappCaller[] = []
  const gone: RequestingPage[] = []
  const service = {
    check: (_origin: string, method: string, params: unknown) => {
      if (method === 'bad') throw new InvalidInputError('params', 'are bad')
      if (method === 'unknown') throw new DappError(4200, 'unsupported method unknown')
      void params
    },
    handle: async (caller: DappCaller, method: string, params: unknown) => {
      seen.push([caller.origin, method, params])
      callers.push(caller)
      if (method === 'boom') throw new Error('secret detail')
      return undefined
    },
    pageGone: (page: RequestingPage) => void gone.push(page),
  } as unknown as DappService

  it('runs requests as the sender’s origin, whatever the message claims, and maps failures', async () => {
    const server = createPortServer(
      service,
      createRateLimiter(100, 1000, () => 0),
    )
    const port = fakePort({ tab, url: 'https://dapp.example/' })
    server.connect(port)
    port.deliver({
      id: 1,
      method: 'nextid_avatar',
      params: { origin: 'https://evil.example' },
      origin: 'https://evil.example',
    })
    port.deliver({ id: 2, method: 'boom' })
    port.deliver({ garbage: true })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(seen[0]).toEqual(['https://dapp.example', 'nextid_avatar', { origin: 'https://evil.example' }])
    expect(port.sent).toEqual([
      { id: 1, result: null },
      { id: 2, error: { code: -32603, message: 'internal error' } },
    ])
    server.emit('https://dapp.example', 'disconnect', { code: 4900 })
    server.emit('https://other.example', 'disconnect', { code: 4900 })
    expect(port.sent.slice(2)).toEqual([{ event: 'disconnect', data: { code: 4900 } }])
  })

  it('disconnects a port whose sender is not a web page tab, and rate-limits per origin', async () => {
    const server = createPortServer(
      service,
      createRateLimiter(1, 1000, () => 0),
    )
    const stranger = fakePort({ url: 'https://dapp.example/' })
    server.connect(stranger)
    expect(stranger.disconnected).toBe(true)
    const port = fakePort({ tab, url: 'https://dapp.example/' })
    server.connect(port)
    port.deliver({ id: 'a', method: 'nextid_avatar' })
    port.deliver({ id: 'b', method: 'nextid_avatar' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(port.sent).toContainEqual({ id: 'b', error: { code: -32603, message: 'too many requests from this site' } })
  })

  it('checks shape and params before the rate limit: a malformed request in a burst still gets -32602', async () => {
    const server = createPortServer(
      service,
      createRateLimiter(1, 1000, () => 0),
    )
    const port = fakePort({ tab, url: 'https://dapp.example/' })
    server.connect(port)
    port.deliver({ id: 'first', method: 'nextid_avatar' }) // uses up the limit
    port.deliver({ id: 'shape', method: 7 })
    port.deliver({ id: 'json', method: 'nextid_avatar', params: ['x'.repeat(70_000)] })
    port.deliver({ id: 'params', method: 'bad', params: {} })
    port.deliver({ id: 'method', method: 'unknown' })
    port.deliver({ id: 'limited', method: 'nextid_avatar' })
    port.deliver({ id: -1, method: 7 }) // no usable id: ignored
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(port.sent).toEqual([
      { id: 'shape', error: { code: -32602, message: 'expected a method name' } },
      { id: 'json', error: { code: -32602, message: 'params are not JSON or exceed 64 KiB' } },
      { id: 'params', error: { code: -32602, message: '"params" are bad' } },
      { id: 'method', error: { code: 4200, message: 'unsupported method unknown' } },
      { id: 'limited', error: { code: -32603, message: 'too many requests from this site' } },
      { id: 'first', result: null },
    ])
  })

  it('gives each port a page of its own in its tab, and reports a page gone when the tab shows another or its port drops', async () => {
    const server = createPortServer(
      service,
      createRateLimiter(100, 1000, () => 0),
    )
    const noTabId = fakePort({ tab: {}, url: 'https://dapp.example/' })
    server.connect(noTabId)
    expect(noTabId.disconnected).toBe(true)
    const first = fakePort({ tab: { id: 7 }, url: 'https://dapp.example/' })
    const second = fakePort({ tab: { id: 7 }, url: 'https://dapp.example/next' })
    const elsewhere = fakePort({ tab: { id: 8 }, url: 'https://dapp.example/' })
    server.connect(first)
    server.connect(elsewhere)
    callers.length = 0
    first.deliver({ id: 1, method: 'nextid_avatar' })
    elsewhere.deliver({ id: 1, method: 'nextid_avatar' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    const [one, other] = callers
    expect(one?.page.tabId).toBe(7)
    expect(other?.page.tabId).toBe(8)
    expect(gone).toEqual([])
    // Tab 7 navigates: its new page connects before the old page's port has dropped.
    server.connect(second)
    expect(gone).toEqual([one?.page])
    second.deliver({ id: 2, method: 'nextid_avatar' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    const two = callers[2]
    expect(two?.page.tabId).toBe(7)
    expect(two?.page.pageId).not.toBe(one?.page.pageId)
    first.drop() // late: reported again (harmless), the new page and the other tab untouched
    expect(gone).toEqual([one?.page, one?.page])
    second.drop()
    expect(gone).toEqual([one?.page, one?.page, two?.page])
    expect(server.size).toBe(1)
  })
})
