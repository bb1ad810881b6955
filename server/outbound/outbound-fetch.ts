/**
 * The one way the server reaches platforms: a fetch that only talks to the public internet.
 * Origins the operator configured (platform base URLs) are trusted as they are — that is how
 * tests and private deployments point a validator at a local simulator. Every other origin (a
 * host named in a request, like ActivityPub's `{server}`, or a redirect elsewhere) must use its
 * scheme's usual port and resolve only to public addresses, checked in the connection's own
 * lookup (./checked-lookup.ts). Redirects are followed here, one hop at a time, each re-checked,
 * never from https to http. The whole exchange, body included, runs under a time cap, the body
 * under a byte cap, and only so many exchanges run at once.
 */
import { Agent, fetch as undiciFetch } from 'undici'
import { createCheckedLookup, type Resolver, systemResolver } from './checked-lookup.js'
import { OutboundRefusedError } from './outbound-refused-error.js'
import { ipLiteralOf, isPublicAddress } from './public-address.js'
import { readCappedBody, tooLarge } from './read-capped-body.js'
import { nextHop } from './redirect-hop.js'

export type OutboundLimits = {
  /** Body bytes after decompression. */
  maxBytes: number
  /** The whole exchange: connection, redirects and every byte of the body. */
  timeoutMs: number
  /** Exchanges at once; one more is refused at once instead of queueing. */
  maxInFlight: number
  maxRedirects: number
}

export type OutboundOptions = OutboundLimits & {
  /** Exact origins (`https://api.github.com`) the operator configured. */
  trustedOrigins: readonly string[]
  /** Local development only: request-named hosts may be private addresses on any port. */
  allowPrivateAddresses: boolean
  /** The port request-named hosts may use, by scheme; the defaults are the schemes' own. */
  ports?: Readonly<Record<string, string>>
  resolve?: Resolver
}

/** Above every real platform answer we read (a GitHub gist is cut at 1 MB by GitHub itself). */
export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  maxBytes: 2 * 1024 * 1024,
  timeoutMs: 10_000,
  maxInFlight: 64,
  maxRedirects: 3,
}

const USUAL_PORTS: Readonly<Record<string, string>> = { 'https:': '443', 'http:': '80' }
const REDIRECTS = new Set([301, 302, 303, 307, 308])
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization']

/** Builds the fetch the validators use; it answers a Response whose body is already in memory. */
export function createOutboundFetch(options: OutboundOptions): typeof globalThis.fetch {
  const trusted = new Set(options.trustedOrigins)
  const direct = new Agent()
  const lookup = createCheckedLookup(options.resolve ?? systemResolver, options.allowPrivateAddresses)
  const checked = new Agent({ connect: { lookup } })
  let inFlight = 0

  const exchange = async (input: string | URL | Request, init: RequestInit, signal: AbortSignal): Promise<Response> => {
    let url = new URL(input instanceof Request ? input.url : input)
    let method = init.method ?? 'GET'
    let body = init.body ?? undefined
    const headers = headersOf(init.headers)
    for (let hop = 0; ; hop++) {
      const isTrusted = trusted.has(url.origin)
      if (!isTrusted) checkTarget(url, options.ports ?? USUAL_PORTS, options.allowPrivateAddresses)
      const response = await undiciFetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: body as string }),
        redirect: 'manual',
        signal,
        dispatcher: isTrusted ? direct : checked,
      })
      if (!REDIRECTS.has(response.status)) return inMemory(response, options.maxBytes)
      await response.body?.cancel().catch(() => undefined)
      const next = nextHop(url, response.headers.get('location'), hop, options.maxRedirects)
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
      }
      // A platform's credential is for that platform: never handed to the origin it redirects to.
      if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name]
      url = next
    }
  }

  return async (input, init) => {
    if (inFlight >= options.maxInFlight) {
      throw new OutboundRefusedError('busy', `more than ${options.maxInFlight} platform requests in flight`)
    }
    inFlight += 1
    // A timer and a controller of our own, not AbortSignal.any(): Node may collect the signals
    // that any() combines before they fire, and the time cap would silently never apply.
    const controller = new AbortController()
    const timer = setTimeout(
      () => controller.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, 'TimeoutError')),
      options.timeoutMs,
    )
    const callerSignal = init?.signal ?? undefined
    const forwardAbort = () => controller.abort(callerSignal?.reason)
    if (callerSignal?.aborted) forwardAbort()
    callerSignal?.addEventListener('abort', forwardAbort, { once: true })
    try {
      return await exchange(input, init ?? {}, controller.signal)
    } finally {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', forwardAbort)
      inFlight -= 1
    }
  }
}

function checkTarget(url: URL, ports: Readonly<Record<string, string>>, allowPrivateAddresses: boolean): void {
  const usualPort = Object.hasOwn(ports, url.protocol) ? ports[url.protocol] : undefined
  if (usualPort === undefined) throw new OutboundRefusedError('scheme', `${url.protocol} is not http or https`)
  if (allowPrivateAddresses) return
  // URL drops a port that is its scheme's default, so "" is 443 for https and 80 for http.
  const port = url.port === '' ? USUAL_PORTS[url.protocol] : url.port
  if (port !== usualPort) {
    throw new OutboundRefusedError('port', `${url.hostname} is asked on port ${port}, not ${usualPort}`)
  }
  // A connection to an address literal never calls lookup, so it is checked here.
  const literal = ipLiteralOf(url.hostname)
  if (literal !== undefined && !isPublicAddress(literal)) {
    throw new OutboundRefusedError('not-public', `${url.hostname} is not a public address`)
  }
}

function headersOf(headers: HeadersInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(headers))
}

// The body is read here, under the exchange's signal and the byte cap; the Response handed back
// holds the decoded bytes, so its content-encoding and content-length no longer apply.
async function inMemory(response: Awaited<ReturnType<typeof undiciFetch>>, maxBytes: number): Promise<Response> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  const encoded = response.headers.has('content-encoding')
  if (!encoded && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(maxBytes)
  }
  const bytes = await readCappedBody(response.body as ReadableStream<Uint8Array> | null, maxBytes)
  const headers = new Headers(Object.fromEntries(response.headers))
  headers.delete('content-encoding')
  headers.delete('content-length')
  const empty = response.status === 204 || response.status === 304
  return new Response(empty ? null : bytes, { status: response.status, statusText: response.statusText, headers })
}
