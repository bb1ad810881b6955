import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGzip } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createActivityPubValidator } from '../validators/activitypub.js'
import { PlatformUnavailableError } from '../validators/validator.js'
import type { Resolver } from './checked-lookup.js'
import { createOutboundFetch, DEFAULT_OUTBOUND_LIMITS, type OutboundOptions } from './outbound-fetch.js'
import { OutboundRefusedError } from './outbound-refused-error.js'

// An attacker's platform (its origin is "configured", as a simulator's would be) and a canary on
// loopback standing for everything private: no test may ever make the canary see a request.
type Handler = (request: IncomingMessage, response: ServerResponse) => void
let attacker: Server
let attackerUrl: string
let attackerHandler: Handler = (_request, response) => response.end('{}')
let canary: Server
let canaryPort: number
let canaryHits = 0
let canaryHeaders: IncomingMessage['headers'] = {}
let gzipBomb: Buffer

async function listen(handler: Handler): Promise<{ server: Server; port: number }> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as AddressInfo).port }
}

// 100 MB of zeros gzip to about 100 KB: a small answer that decompresses to a large one.
async function makeGzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = createGzip()
  const parts: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => parts.push(chunk))
  const ended = new Promise((resolve) => gzip.on('end', resolve))
  const zeros = Buffer.alloc(1024 * 1024)
  for (let written = 0; written < megabytes; written++) gzip.write(zeros)
  gzip.end()
  await ended
  return Buffer.concat(parts)
}

beforeAll(async () => {
  gzipBomb = await makeGzipBomb(100)
  const a = await listen((request, response) => attackerHandler(request, response))
  attacker = a.server
  attackerUrl = `http://127.0.0.1:${a.port}`
  const c = await listen((request, response) => {
    canaryHits += 1
    canaryHeaders = request.headers
    response.end('secret')
  })
  canary = c.server
  canaryPort = c.port
})
afterAll(async () => {
  for (const server of [attacker, canary]) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})
beforeEach(() => {
  canaryHits = 0
})

// Every name resolves to loopback unless told otherwise; the canary's port counts as the usual
// one, so only the address rule stands between a request and the canary.
const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }]

function outbound(options: Partial<OutboundOptions> = {}) {
  return createOutboundFetch({
    ...DEFAULT_OUTBOUND_LIMITS,
    timeoutMs: 2_000,
    trustedOrigins: [attackerUrl],
    allowPrivateAddresses: false,
    ports: { 'http:': String(canaryPort), 'https:': '443' },
    resolve: toLoopback,
    ...options,
  })
}

async function refusal(promise: Promise<unknown>): Promise<OutboundRefusedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  let current = error
  while (current instanceof Error && !(current instanceof OutboundRefusedError)) current = current.cause
  if (!(current instanceof OutboundRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`)
  return current
}

function redirectTo(location: string, status = 302): Handler {
  return (_request, response) => {
    response.writeHead(status, { location })
    response.end()
  }
}

describe('createOutboundFetch: only the public internet', () => {
  it('reaches a configured origin on loopback, as tests and simulators need', async () => {
    attackerHandler = (_request, response) => response.end('{"ok":true}')
    const response = await outbound()(`${attackerUrl}/ok`)
    expect(await response.json()).toEqual({ ok: true })
  })

  it.each([
    ['an address literal', () => `http://127.0.0.1:${canaryPort}/`],
    ['a name resolving to loopback', () => `http://metadata.example:${canaryPort}/`],
    ['an IPv4-mapped IPv6 literal', () => `http://[::ffff:127.0.0.1]:${canaryPort}/`],
  ])('refuses %s named by a request; the canary sees nothing', async (_name, target) => {
    expect((await refusal(outbound()(target()))).reason).toBe('not-public')
    expect(canaryHits).toBe(0)
  })

  it.each([['10.0.0.8'], ['169.254.169.254'], ['100.64.1.1'], ['fd00::1'], ['::1'], ['224.0.0.1'], ['0.0.0.0']])(
    'refuses a name resolving to %s',
    async (address) => {
      const resolve: Resolver = async () => [{ address, family: address.includes(':') ? 6 : 4 }]
      expect((await refusal(outbound({ resolve })(`http://inside.example:${canaryPort}/`))).reason).toBe('not-public')
    },
  )

  it('refuses a redirect from a configured origin to loopback, by name or by address', async () => {
    for (const location of [`http://127.0.0.1:${canaryPort}/`, `http://metadata.example:${canaryPort}/latest`]) {
      for (const status of [301, 302, 303, 307, 308]) {
        attackerHandler = redirectTo(location, status)
        expect((await refusal(outbound()(`${attackerUrl}/start`, { method: 'POST', body: '{}' }))).reason).toBe(
          'not-public',
        )
      }
    }
    expect(canaryHits).toBe(0)
  })

  it('refuses a name whose DNS answers public for the check and private for the connection', async () => {
    // A second lookup (check first, connect later) would get loopback and reach the canary.
    let lookups = 0
    const rebinding: Resolver = async () => {
      lookups += 1
      return [{ address: lookups === 1 ? '192.0.2.1' : '127.0.0.1', family: 4 }]
    }
    const publicFirst: Resolver = async () => {
      lookups += 1
      return [{ address: lookups === 1 ? '8.8.8.8' : '127.0.0.1', family: 4 }]
    }
    await refusal(outbound({ resolve: rebinding })(`http://rebind.example:${canaryPort}/`))
    lookups = 0
    const fetch = outbound({ resolve: publicFirst, timeoutMs: 500 })
    await expect(fetch(`http://rebind.example:${canaryPort}/`)).rejects.toThrow()
    expect(lookups).toBe(1)
    expect(canaryHits).toBe(0)
  })

  it('refuses other ports and schemes for request-named hosts, and endless redirects', async () => {
    const publicDns: Resolver = async () => [{ address: '8.8.8.8', family: 4 }]
    const fetch = outbound({ resolve: publicDns, ports: { 'http:': '80', 'https:': '443' } })
    expect((await refusal(fetch('http://host.example:8080/'))).reason).toBe('port')
    expect((await refusal(fetch('ftp://host.example/'))).reason).toBe('scheme')
    attackerHandler = redirectTo('/again')
    expect((await refusal(outbound()(`${attackerUrl}/loop`))).reason).toBe('redirect')
  })

  it('lets ALLOW_PRIVATE_FETCH_TARGETS reach private hosts, for local development only', async () => {
    const response = await outbound({ allowPrivateAddresses: true })(`http://dev.example:${canaryPort}/`)
    expect(await response.text()).toBe('secret')
    expect(canaryHits).toBe(1)
  })

  it('never hands a platform’s credential to the origin it redirects to', async () => {
    attackerHandler = redirectTo(`http://elsewhere.example:${canaryPort}/`)
    const fetch = outbound({ allowPrivateAddresses: true })
    await fetch(`${attackerUrl}/api`, {
      headers: { authorization: 'Bearer platform-token', accept: 'application/json' },
    })
    expect(canaryHits).toBe(1)
    expect(canaryHeaders.authorization).toBeUndefined()
    expect(canaryHeaders.accept).toBe('application/json')
  })

  it('tells the ActivityPub validator "not asked" in its own words, never the internal answer', async () => {
    const validator = createActivityPubValidator({ urlTemplate: `http://{server}:${canaryPort}` })
    const request = {
      action: 'create' as const,
      platform: 'activitypub' as const,
      identity: 'alice@attacker.example',
      avatar: '0x02',
      proofLocation: '1',
      signPayload: '{}',
      uuid: '',
      createdAt: '1',
      prev: null,
      avatarSignature: undefined,
      extra: {},
    }
    const error = await validator.validate(request, { fetch: outbound(), timeoutMs: 2_000 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect((error as Error).message).toBe(
      'activitypub was not asked or not read: attacker.example resolves to a non-public address',
    )
    expect(canaryHits).toBe(0)
  })
})

describe('createOutboundFetch: bounded answers', () => {
  // Peak of heap plus buffers while `run` goes on, above what it was before.
  async function peakGrowth(run: () => Promise<unknown>): Promise<number> {
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
    const before = used()
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, used())
    }, 2)
    try {
      await run()
    } finally {
      clearInterval(sampler)
    }
    return Math.max(peak, used()) - before
  }

  it('cuts a gzip bomb at the byte cap, counted after decompression, with memory flat', async () => {
    attackerHandler = (_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' })
      response.end(gzipBomb)
    }
    const fetch = outbound()
    const growth = await peakGrowth(() =>
      Promise.all(
        [1, 2, 3, 4].map(async () => expect((await refusal(fetch(`${attackerUrl}/bomb`))).reason).toBe('too-large')),
      ),
    )
    // Four 100 MB answers read whole would take 400 MB; four capped ones a few times the 2 MB cap,
    // plus garbage the collector has not reclaimed yet (seen up to 20 MB): a quarter of 400 MB
    // tells the two apart with room for a lazier collector.
    expect(growth).toBeLessThan(100 * 1024 * 1024)
  })

  it('cuts a 100 MB answer at the byte cap, with memory flat', async () => {
    attackerHandler = (_request, response) => {
      const chunk = Buffer.alloc(64 * 1024, 'a')
      let sent = 0
      const pump = () => {
        while (sent < 100 * 1024 * 1024) {
          sent += chunk.length
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
        response.end()
      }
      response.on('error', () => undefined)
      pump()
    }
    const growth = await peakGrowth(async () =>
      expect((await refusal(outbound()(`${attackerUrl}/huge`))).reason).toBe('too-large'),
    )
    expect(growth).toBeLessThan(48 * 1024 * 1024)
  })

  it('cuts an answer that drips a byte at a time at the time cap', async () => {
    attackerHandler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      const drip = setInterval(() => response.write(' '), 20)
      response.on('close', () => clearInterval(drip))
    }
    const error = await outbound({ timeoutMs: 300 })(`${attackerUrl}/drip`).catch((caught: unknown) => caught)
    expect((error as Error).name).toBe('TimeoutError')
  })

  it('refuses more exchanges at once than the cap, and takes new ones once they end', async () => {
    const waiting: ServerResponse[] = []
    attackerHandler = (_request, response) => void waiting.push(response)
    const fetch = outbound({ maxInFlight: 2 })
    const first = [fetch(`${attackerUrl}/a`), fetch(`${attackerUrl}/b`)]
    expect((await refusal(fetch(`${attackerUrl}/c`))).reason).toBe('busy')
    while (waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 5))
    for (const response of waiting) response.end('done')
    await Promise.all(first)
    attackerHandler = (_request, response) => response.end('again')
    expect(await (await fetch(`${attackerUrl}/d`)).text()).toBe('again')
  })
})
