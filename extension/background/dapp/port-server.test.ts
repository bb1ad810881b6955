import { describe, expect, it } from 'vitest'
import type { DappService } from './dapp-service.js'
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
})

function fakePort(sender: NonNullable<DappPort['sender']>) {
  const sent: unknown[] = []
  const listeners: ((message: unknown) => void)[] = []
  const port: DappPort & { sent: unknown[]; deliver(message: unknown): void; disconnected: boolean } = {
    name: 'nextid-dapp',
    sender,
    sent,
    disconnected: false,
    postMessage: (message) => void sent.push(message),
    disconnect() {
      port.disconnected = true
    },
    onMessage: { addListener: (listener) => void listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
    deliver: (message) => {
      for (const listener of listeners) listener(message)
    },
  }
  return port
}

describe('createPortServer', () => {
  const seen: [string, string, unknown][] = []
  const service = {
    handle: async (origin: string, method: string, params: unknown) => {
      seen.push([origin, method, params])
      if (method === 'boom') throw new Error('secret detail')
      return undefined
    },
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
})
