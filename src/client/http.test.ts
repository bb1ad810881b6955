import { describe, expect, it } from 'vitest'
import { answer, createFakeFetch } from '../../test/support/src/client/test-fake-fetch.js'
import { InvalidInputError, InvalidResponseError, NetworkError, ServiceError, TimeoutError } from '../errors.js'
import { requireString } from '../input.js'
import { createHttpClient, type FetchFunction } from './http.js'

const BASE = 'https://proof-service.next.id'
const readHello = (body: unknown) => requireString((body as { hello?: unknown }).hello, 'hello')

function clientWith(answers: Parameters<typeof createFakeFetch>[0], timeoutMs?: number) {
  const fake = createFakeFetch(answers)
  const http = createHttpClient({ baseUrl: BASE, fetch: fake.fetch, ...(timeoutMs ? { timeoutMs } : {}) })
  return { http, requests: fake.requests }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('createHttpClient options', () => {
  const fetch: FetchFunction = async () => new Response('{}')

  it('joins the base URL and path, tolerating trailing slashes and keeping a path prefix', () => {
    expect(createHttpClient({ baseUrl: 'https://kv-service.next.id/', fetch }).urlOf('/v1/kv')).toBe(
      'https://kv-service.next.id/v1/kv',
    )
    expect(createHttpClient({ baseUrl: 'http://localhost:8080/api//', fetch }).urlOf('/healthz')).toBe(
      'http://localhost:8080/api/healthz',
    )
  })

  it('builds query strings with URLSearchParams, in the given order', () => {
    const http = createHttpClient({ baseUrl: BASE, fetch })
    expect(
      http.urlOf('/v1/proof', [
        ['identity', 'a b,c&d'],
        ['exact', 'true'],
      ]),
    ).toBe(`${BASE}/v1/proof?identity=a+b%2Cc%26d&exact=true`)
  })

  it.each([
    [42, '"baseUrl" expected string, got number'],
    ['proof-service.next.id', '"baseUrl" expected an absolute URL'],
    ['ftp://proof-service.next.id', '"baseUrl" expected an http or https URL, got ftp:'],
    ['https://proof-service.next.id/?x=1', '"baseUrl" expected no query string or fragment'],
    ['https://proof-service.next.id/#top', '"baseUrl" expected no query string or fragment'],
    ['https://me:secret@proof-service.next.id', '"baseUrl" expected no user name or password'],
  ])('rejects baseUrl %j', (baseUrl, message) => {
    expect(() => createHttpClient({ baseUrl: baseUrl as string, fetch })).toThrow(InvalidInputError)
    expect(() => createHttpClient({ baseUrl: baseUrl as string, fetch })).toThrow(message)
  })

  it('rejects a missing fetch and a bad timeout', () => {
    expect(() => createHttpClient(null as never)).toThrow('"options" expected an object, got null')
    expect(() => createHttpClient({ baseUrl: BASE, fetch: undefined as unknown as FetchFunction })).toThrow(
      '"fetch" expected a function, got undefined',
    )
    expect(() => createHttpClient({ baseUrl: BASE, fetch, timeoutMs: 1.5 })).toThrow(
      '"timeoutMs" expected an integer, got number',
    )
    expect(() => createHttpClient({ baseUrl: BASE, fetch, timeoutMs: 0 })).toThrow(
      '"timeoutMs" expected 1..600000, got 0',
    )
  })
})

describe('HttpClient.send', () => {
  it('sends a GET with an Accept header and no body', async () => {
    const { http, requests } = clientWith([answer(200, '{"hello":"proof service"}')])
    await expect(http.send({ method: 'GET', path: '/healthz', parse: readHello })).resolves.toBe('proof service')
    expect(requests).toEqual([
      {
        url: `${BASE}/healthz`,
        method: 'GET',
        headers: { Accept: 'application/json' },
        body: undefined,
        signal: expect.anything(),
      },
    ])
  })

  it('asks for another media type when the request says so (DNS over HTTPS JSON)', async () => {
    const { http, requests } = clientWith([answer(200, '{"hello":"resolver"}')])
    await http.send({ method: 'GET', path: '', accept: 'application/dns-json', parse: readHello })
    expect(requests[0]?.headers).toEqual({ Accept: 'application/dns-json' })
  })

  it('sends a POST as JSON with Content-Type: application/json', async () => {
    const { http, requests } = clientWith([answer(201, '{}')])
    await http.send({ method: 'POST', path: '/v1/proof', body: { a: '1', b: 2 }, parse: () => 'ok' })
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' })
    expect(requests[0]?.body).toBe('{"a":"1","b":2}')
  })

  it('calls fetch unbound, as browsers require for window.fetch', async () => {
    let receiver: unknown = 'not called'
    const fetch = function (this: unknown) {
      receiver = this
      return Promise.resolve(new Response('{"hello":"x"}'))
    } as unknown as FetchFunction
    await createHttpClient({ baseUrl: BASE, fetch }).send({ method: 'GET', path: '/healthz', parse: readHello })
    expect(receiver).toBeUndefined()
  })

  it('maps an error status with a {"message"} body to ServiceError', async () => {
    const { http } = clientWith([answer(400, '{"message":"bad signature"}')])
    const error = await rejectionOf(http.send({ method: 'POST', path: '/v1/proof', body: {}, parse: readHello }))
    expect(error).toBeInstanceOf(ServiceError)
    expect(error).toMatchObject({ status: 400, serviceMessage: 'bad signature', code: 'SERVICE_ERROR' })
    expect((error as Error).message).toBe('service answered 400: bad signature')
  })

  it('keeps the raw text of an error body that is not {"message"}, or says HTTP <status>', async () => {
    const long = 'x'.repeat(300)
    const { http } = clientWith([
      answer(500, '<html>Internal Server Error</html>\n'),
      answer(404, 'Not Found'),
      answer(502, '{"error":"gateway"}'),
      answer(503, ''),
      answer(500, long),
      answer(400, '{"message":42}'),
    ])
    const send = () => http.send({ method: 'GET', path: '/healthz', parse: readHello })
    await expect(send()).rejects.toThrow(new ServiceError(500, '<html>Internal Server Error</html>'))
    await expect(send()).rejects.toThrow(new ServiceError(404, 'Not Found'))
    await expect(send()).rejects.toThrow(new ServiceError(502, '{"error":"gateway"}'))
    await expect(send()).rejects.toThrow(new ServiceError(503, 'HTTP 503'))
    await expect(send()).rejects.toThrow(new ServiceError(500, `${'x'.repeat(200)}…`))
    await expect(send()).rejects.toThrow(new ServiceError(400, '{"message":42}'))
  })

  it('answers a 404 with onNotFound when the endpoint documents it', async () => {
    const { http } = clientWith([answer(404, '{"message":"Record not found for twitter: foo"}')])
    const result = await http.send({
      method: 'GET',
      path: '/v1/proof/exists',
      parse: readHello,
      onNotFound: () => null,
    })
    expect(result).toBeNull()
  })

  it('rejects a 2xx body that is not JSON or not the documented shape with InvalidResponseError', async () => {
    const { http } = clientWith([answer(200, 'OK'), answer(200, ''), answer(200, '{"hello":7}')])
    const send = () => http.send({ method: 'GET', path: '/healthz', parse: readHello })
    await expect(send()).rejects.toThrow(new InvalidResponseError(`${BASE}/healthz`, 'body is not JSON'))
    await expect(send()).rejects.toThrow(new InvalidResponseError(`${BASE}/healthz`, 'body is not JSON'))
    const error = await rejectionOf(send())
    expect(error).toBeInstanceOf(InvalidResponseError)
    expect((error as Error).message).toBe(
      'unexpected response from https://proof-service.next.id/healthz: "hello" expected string, got number',
    )
  })

  it('maps a thrown TypeError to NetworkError, keeping the cause', async () => {
    const cause = new TypeError('fetch failed')
    const { http } = clientWith([cause])
    const error = await rejectionOf(http.send({ method: 'GET', path: '/healthz', parse: readHello }))
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as Error).message).toBe('request to https://proof-service.next.id/healthz failed: fetch failed')
    expect((error as Error).cause).toBe(cause)
  })

  it('times out a hanging request, aborting its signal', async () => {
    const { http, requests } = clientWith(['hang'], 50)
    const started = Date.now()
    const error = await rejectionOf(http.send({ method: 'GET', path: '/healthz', parse: readHello }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as Error).message).toBe('request to https://proof-service.next.id/healthz timed out after 50 ms')
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    expect(requests[0]?.signal?.aborted).toBe(true)
  })

  it('times out even when fetch ignores the signal, or the body never arrives', async () => {
    const { http } = clientWith(['hang-deaf', 'hang-body'], 50)
    const send = () => http.send({ method: 'GET', path: '/healthz', parse: readHello })
    await expect(send()).rejects.toBeInstanceOf(TimeoutError)
    await expect(send()).rejects.toBeInstanceOf(TimeoutError)
  })

  it('does not time out a request that answers in time', async () => {
    const { http } = clientWith([answer(200, '{"hello":"kv server"}')], 50)
    await expect(http.send({ method: 'GET', path: '/healthz', parse: readHello })).resolves.toBe('kv server')
  })
})
