/**
 * The one HTTP helper both service clients use: an injected `fetch`, a validated base URL, a time
 * limit per request, and one mapping of failures to the core's errors (§4.1, §9.1: error bodies are
 * `{"message": "…"}`).
 */
import { InvalidInputError, InvalidResponseError, NetworkError, ServiceError, TimeoutError } from '../errors.js'
import { requireInteger, requirePlainObject, requireString } from '../input.js'

/** The `fetch` shape the clients call; `globalThis.fetch` fits it in a service worker, a page and Node. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>

/** How to reach one service. */
export type HttpClientOptions = {
  baseUrl: string
  fetch: FetchFunction
  /** Time limit for one request, response body included; default 15 s. */
  timeoutMs?: number
}

/** One request and how to read its 2xx JSON body. */
export type HttpRequest<T> = {
  method: 'GET' | 'POST'
  path: string
  query?: [string, string][]
  body?: unknown
  /** Turns the parsed JSON into the result; throws InvalidInputError for a wrong shape. */
  parse: (body: unknown) => T
  /** The result for a 404, where the protocol documents 404 as "nothing there". */
  onNotFound?: () => T
  /** The media type asked for (default application/json; DNS over HTTPS wants application/dns-json). */
  accept?: string
}

/** A client bound to one base URL. */
export type HttpClient = {
  send<T>(request: HttpRequest<T>): Promise<T>
  /** The absolute URL a request for `path` and `query` goes to. */
  urlOf(path: string, query?: [string, string][]): string
}

export const DEFAULT_TIMEOUT_MS = 15_000
const MAX_TIMEOUT_MS = 600_000
const MAX_SERVICE_MESSAGE = 200

/** Validates the options and returns a client; bad options throw InvalidInputError. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  requirePlainObject(options, 'options')
  const base = parseBaseUrl(options.baseUrl)
  // Kept unbound: browsers throw "Illegal invocation" when fetch is called as a method of another object.
  const fetchFunction = options.fetch
  if (typeof fetchFunction !== 'function') {
    throw new InvalidInputError('fetch', `expected a function, got ${typeof fetchFunction}`)
  }
  const timeoutMs =
    options.timeoutMs === undefined
      ? DEFAULT_TIMEOUT_MS
      : requireInteger(options.timeoutMs, 'timeoutMs', 1, MAX_TIMEOUT_MS)

  const urlOf = (path: string, query?: [string, string][]): string => {
    const search = query && query.length > 0 ? `?${new URLSearchParams(query).toString()}` : ''
    return `${base}${path}${search}`
  }

  return {
    urlOf,
    async send<T>(request: HttpRequest<T>): Promise<T> {
      const url = urlOf(request.path, request.query)
      const { status, text } = await exchangeWithTimeout(fetchFunction, url, buildInit(request), timeoutMs)
      if (status === 404 && request.onNotFound) return request.onNotFound()
      if (status < 200 || status > 299) throw new ServiceError(status, serviceMessageOf(status, text))
      return parseBody(url, text, request.parse)
    },
  }
}

/** Accepts an absolute http(s) URL, optionally with a path prefix; drops trailing slashes. */
function parseBaseUrl(value: unknown): string {
  const text = requireString(value, 'baseUrl')
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new InvalidInputError('baseUrl', 'expected an absolute URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError('baseUrl', `expected an http or https URL, got ${url.protocol}`)
  }
  if (!url.href.startsWith(url.origin)) {
    // Credentials in a URL would be dropped by the origin below, and fetch refuses them anyway.
    throw new InvalidInputError('baseUrl', 'expected no user name or password')
  }
  if (url.search !== '' || text.includes('#')) {
    throw new InvalidInputError('baseUrl', 'expected no query string or fragment')
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function buildInit(request: HttpRequest<unknown>): RequestInit {
  const accept = request.accept ?? 'application/json'
  if (request.method === 'GET') return { method: 'GET', headers: { Accept: accept } }
  return {
    method: 'POST',
    headers: { Accept: accept, 'Content-Type': 'application/json' },
    body: JSON.stringify(request.body),
  }
}

type Exchange = { status: number; text: string }

/**
 * Races the whole exchange (headers and body) against the time limit, so a `fetch` that ignores
 * the abort signal still cannot hang the caller.
 */
async function exchangeWithTimeout(
  fetchFunction: FetchFunction,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Exchange> {
  const controller = new AbortController()
  // Listeners run inside abort(), so the TimeoutError settles before fetch's own abort rejection.
  const timeout = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new TimeoutError(url, timeoutMs)), { once: true })
  })
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const exchange = exchangeOnce(fetchFunction, url, { ...init, signal: controller.signal })
  exchange.catch(() => {}) // after a timeout it rejects too, with nobody left to listen
  try {
    return await Promise.race([exchange, timeout])
  } finally {
    clearTimeout(timer)
  }
}

async function exchangeOnce(fetchFunction: FetchFunction, url: string, init: RequestInit): Promise<Exchange> {
  try {
    const response = await fetchFunction(url, init)
    const text = await response.text()
    return { status: response.status, text }
  } catch (cause) {
    throw new NetworkError(url, cause)
  }
}

/** The `{"message": …}` of an error body (§4.1, §9.1), else its raw text, else `HTTP <status>`. */
function serviceMessageOf(status: number, text: string): string {
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
      return (body as { message: string }).message
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const raw = text.trim()
  if (raw === '') return `HTTP ${status}`
  return raw.length > MAX_SERVICE_MESSAGE ? `${raw.slice(0, MAX_SERVICE_MESSAGE)}…` : raw
}

function parseBody<T>(url: string, text: string, parse: (body: unknown) => T): T {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new InvalidResponseError(url, 'body is not JSON')
  }
  try {
    return parse(body)
  } catch (error) {
    // A wrong field in a response is the server's fault, not the caller's.
    if (error instanceof InvalidInputError) throw new InvalidResponseError(url, error.message)
    throw error
  }
}
