import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/server/http/test-app.js'
import { type Listening, listen } from '../listen.js'

const LIMIT = 64
const TOO_LARGE = { message: 'request body too large' }
const json = (size: number) => `"${'x'.repeat(size - 2)}"`
const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
      controller.close()
    },
  })

describe('bodyLimit in process', () => {
  const app = createTestApp({ notFound: 'json', bodyLimitBytes: LIMIT })
  const post = (init: RequestInit) => app.request('/echo', { method: 'POST', ...init } as RequestInit)

  it('lets a body of exactly the limit through, unchanged', async () => {
    const res = await post({ body: json(LIMIT) })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { text: string }).text).toBe(json(LIMIT))
  })

  it('answers 413 when the body is one byte over', async () => {
    const res = await post({ body: json(LIMIT + 1) })
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual(TOO_LARGE)
  })

  it('answers 413 for a declared Content-Length over the limit, lingering at most a second for the body', async () => {
    // A body that never ends: reading it would hang the test.
    const body = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) })
    const res = await post({ body, duplex: 'half', headers: { 'content-length': String(LIMIT + 1) } } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual(TOO_LARGE)
  })

  it('counts the streamed bytes when Content-Length is absent or lies', async () => {
    const chunks = [json(LIMIT), json(LIMIT)]
    const absent = await post({ body: streamOf(...chunks), duplex: 'half' } as RequestInit)
    expect(absent.status).toBe(413)
    const lying = await post({
      body: streamOf(...chunks),
      duplex: 'half',
      headers: { 'content-length': '2' },
    } as RequestInit)
    expect(lying.status).toBe(413)
    expect(await lying.json()).toEqual(TOO_LARGE)
  })
})

describe('bodyLimit over HTTP', () => {
  let server: Listening
  beforeAll(async () => {
    server = await listen(createTestApp({ notFound: 'json', bodyLimitBytes: LIMIT }), '127.0.0.1', 0)
  })
  afterAll(() => server?.close())

  // node:http, to control framing: Content-Length or chunked, sent in pieces.
  const send = (chunks: string[], headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/echo`, { method: 'POST', headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      for (const chunk of chunks) req.write(chunk)
      req.end()
    })

  it('reads a body with a Content-Length up to the limit exactly, sent in pieces; one byte more is 413', async () => {
    const body = json(LIMIT)
    const atLimit = await send([body.slice(0, 10), body.slice(10)], { 'content-length': String(LIMIT) })
    expect(atLimit).toEqual({ status: 200, body: JSON.stringify({ text: body, value: JSON.parse(body) }) })
    const over = json(LIMIT + 1)
    expect(await send([over], { 'content-length': String(LIMIT + 1) })).toEqual({
      status: 413,
      body: JSON.stringify(TOO_LARGE),
    })
  })

  it('accepts a chunked body within the limit', async () => {
    const res = await send(['"abc', 'def"'], { 'transfer-encoding': 'chunked' })
    expect(res).toEqual({ status: 200, body: JSON.stringify({ text: '"abcdef"', value: 'abcdef' }) })
  })

  it('answers 413 to a chunked body (no Content-Length) that grows past the limit', async () => {
    const res = await send(['"', 'x'.repeat(LIMIT), '"'], { 'transfer-encoding': 'chunked' })
    expect(res).toEqual({ status: 413, body: JSON.stringify(TOO_LARGE) })
  })

  it('answers 413 to a declared Content-Length over the limit even when the body never comes', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${server.url}/echo`, { method: 'POST', headers: { 'content-length': String(1 << 20) } })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode)
        req.destroy()
      })
      req.on('error', reject)
      req.write('"only the start')
    })
    expect(status).toBe(413)
  })

  it('answers 413 to a large declared body and keeps serving', async () => {
    const big = json(1 << 20)
    const res = await fetch(`${server.url}/echo`, { method: 'POST', body: big }).catch((error: unknown) => error)
    // The server may answer before the upload ends; either way the client sees 413 or a reset.
    if (res instanceof Response) {
      expect(res.status).toBe(413)
      expect(await res.json()).toEqual(TOO_LARGE)
    }
    const after = await fetch(`${server.url}/ok`)
    expect(after.status).toBe(200)
  })
})
