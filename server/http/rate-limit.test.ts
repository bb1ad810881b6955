import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { type Listening, listen } from '../listen.js'
import { type RateLimitOptions, rateLimit } from './rate-limit.js'

// Over real HTTP: the client address comes from the socket, as in production.
let server: Listening | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function serveLimited(options: RateLimitOptions, now?: () => number): Promise<string> {
  const app = new Hono()
  app.use('*', rateLimit(options, now))
  app.post('/write', (c) => c.json({}))
  app.get('/read', (c) => c.json({}))
  server = await listen(app, '127.0.0.1', 0, 100)
  return server.url
}

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/write`, { method: 'POST', headers }).then(async (res) => ({
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: await res.json(),
  }))

describe('rateLimit', () => {
  it('answers 429 past the limit per client, with Retry-After, and never limits reads', async () => {
    const url = await serveLimited({ perMinute: 3, trustedProxy: null })
    for (let n = 0; n < 3; n++) expect((await post(url)).status).toBe(200)
    expect(await post(url)).toEqual({
      status: 429,
      retryAfter: '20',
      body: { message: 'too many requests from this address; retry later' },
    })
    for (let n = 0; n < 5; n++) expect((await fetch(`${url}/read`)).status).toBe(200)
  })

  it('ignores X-Forwarded-For unless the peer is the trusted proxy', async () => {
    const url = await serveLimited({ perMinute: 2, trustedProxy: null })
    for (const forwarded of ['1.1.1.1', '2.2.2.2'])
      expect((await post(url, { 'x-forwarded-for': forwarded })).status).toBe(200)
    expect((await post(url, { 'x-forwarded-for': '3.3.3.3' })).status).toBe(429)
  })

  it('counts each forwarded client apart behind the trusted proxy, by the address the proxy added', async () => {
    const url = await serveLimited({ perMinute: 1, trustedProxy: '127.0.0.1' })
    expect((await post(url, { 'x-forwarded-for': '9.9.9.9, 1.1.1.1' })).status).toBe(200)
    // The client claims another address first; the proxy's own entry (last) is what counts.
    expect((await post(url, { 'x-forwarded-for': '8.8.8.8, 1.1.1.1' })).status).toBe(429)
    expect((await post(url, { 'x-forwarded-for': '2001:db8:1:2::1' })).status).toBe(200)
    // The same /64 is the same subscriber.
    expect((await post(url, { 'x-forwarded-for': '2001:db8:1:2::ffff' })).status).toBe(429)
  })

  it('refills evenly over the minute', async () => {
    let clock = 0
    const url = await serveLimited({ perMinute: 2, trustedProxy: null }, () => clock)
    expect((await post(url)).status).toBe(200)
    expect((await post(url)).status).toBe(200)
    expect((await post(url)).status).toBe(429)
    clock += 30_000
    expect((await post(url)).status).toBe(200)
    expect((await post(url)).status).toBe(429)
  })

  it('lets in-process calls through: they have no client address', async () => {
    const app = new Hono()
    app.use('*', rateLimit({ perMinute: 1, trustedProxy: null }))
    app.post('/write', (c) => c.json({}))
    for (let n = 0; n < 3; n++) expect((await app.request('/write', { method: 'POST' })).status).toBe(200)
  })
})
