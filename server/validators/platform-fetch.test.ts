import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPortUrl, rejection } from '../../test/support/server/validators/test-proofs.js'
import { asJsonObject, fetchPlatform, readPlatformJson, readPlatformText, unexpectedStatus } from './platform-fetch.js'
import { PlatformUnavailableError, type ValidatorContext } from './validator.js'

// A platform that hangs: /silent never answers, /stall sends headers and then never ends the body.
let server: Server
let url: string

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/stall') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"data":')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const context: ValidatorContext = { fetch: globalThis.fetch, timeoutMs: 200 }

describe('fetchPlatform', () => {
  it('gives up after timeoutMs when the platform never answers', async () => {
    const started = Date.now()
    const error = await rejection(fetchPlatform(context, 'slowpoke', `${url}/silent`))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('slowpoke did not answer within 200 ms')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('gives up after timeoutMs when the body never ends', async () => {
    const response = await fetchPlatform(context, 'slowpoke', `${url}/stall`)
    const error = await rejection(readPlatformJson(response, 'slowpoke', context))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('slowpoke did not answer within 200 ms')
  })

  it('reports a refused connection and a fetch that throws anything', async () => {
    const refused = await rejection(fetchPlatform(context, 'p', await closedPortUrl()))
    expect(refused.message).toBe('p is unreachable (ECONNREFUSED)')
    const odd = { fetch: async () => Promise.reject('boom'), timeoutMs: 100 }
    expect((await rejection(fetchPlatform(odd, 'p', 'http://x'))).message).toBe('p is unreachable (boom)')
  })

  it('passes the init through and adds a time limit', async () => {
    let seen: RequestInit | undefined
    const spy = {
      fetch: async (_: unknown, init?: RequestInit) => {
        seen = init
        return new Response('ok')
      },
      timeoutMs: 100,
    }
    const response = await fetchPlatform(spy as ValidatorContext, 'p', 'http://x', { headers: { a: 'b' } })
    expect(await readPlatformText(response, 'p', context)).toBe('ok')
    expect(seen?.headers).toEqual({ a: 'b' })
    expect(seen?.signal).toBeInstanceOf(AbortSignal)
  })
})

describe('readPlatformJson', () => {
  it('reports a body that is not JSON as no verdict', async () => {
    const error = await rejection(readPlatformJson(new Response('<html>', { status: 200 }), 'p', context))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('p answered HTTP 200 with a body that is not JSON')
    expect(await readPlatformJson(new Response('[1]'), 'p', context)).toEqual([1])
  })
})

describe('unexpectedStatus and asJsonObject', () => {
  it('name the status, and accept only plain JSON objects', () => {
    expect(unexpectedStatus('p', new Response('', { status: 418 })).message).toBe('p answered HTTP 418')
    expect(asJsonObject({ a: 1 })).toEqual({ a: 1 })
    for (const value of [null, [], 'x', 1, undefined]) expect(asJsonObject(value)).toBeUndefined()
  })
})
