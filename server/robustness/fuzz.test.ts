/**
 * Issue acceptance: ≥ 10,000 malformed requests (bad JSON, wrong types, huge bodies, bad
 * hex/base64/uuid, wrong v, unknown platforms, SQL-looking strings) get zero 5xx, and every reply
 * to a known endpoint is `{"message": …}`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { type ServerHandles, startServer } from '../start-server.js'

const REQUESTS = 10_000
const CONCURRENCY = 16

const KEY = '0x03198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5'
const SIGNATURE_V0 = 'vBT+0qWuLFx+eT8qRfT5qthMfKpWE57kqAKAbFuxqc9Lqg4t9xvz0KlD+/sXevwb2cF5lab0CZKFSPMxjT+bYwA='

// Values that have broken real parsers: wrong types, near-miss encodings, injection attempts.
const nasty = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    '',
    ' ',
    'create',
    'delete',
    'twitter',
    'ethereum',
    'nextid',
    'myspace',
    KEY,
    KEY.slice(0, -1),
    `${KEY}zz`,
    '0x04',
    `0X${KEY.slice(2).toUpperCase()}`,
    SIGNATURE_V0,
    SIGNATURE_V0.replace('wA=', 'Gw='),
    SIGNATURE_V0.replace('wA=', 'HQ='), // v = 29
    `${SIGNATURE_V0}==`,
    'not base64!',
    '00000000-0000-0000-0000-00000000000g',
    '6a4b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    '1700000000',
    '-9223372036854775809',
    "' OR 1=1 --",
    "'); DROP TABLE proof_chain; --",
    '%_%',
    '\\',
    '\u0000',
    '\ud800',
    '<script>&amp;',
    '🎭'.repeat(100),
    'a'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
)

const fieldNames = fc.constantFrom(
  'action',
  'platform',
  'identity',
  'public_key',
  'avatar',
  'persona',
  'proof_location',
  'uuid',
  'created_at',
  'extra',
  'signature',
  'patch',
  'previous',
  'proof_post',
  '__proto__',
)

const jsonBody = fc.oneof(
  fc.dictionary(fieldNames, nasty, { maxKeys: 8 }).map((body) => JSON.stringify(body)),
  fc.dictionary(fieldNames, nasty, { maxKeys: 8 }).map((body) => JSON.stringify({ ...body, extra: body })),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }), // mostly not JSON at all
  fc.constantFrom('{', '{"action":', '[]', 'null', '{"a":1}}', '\u00ff\u00fe', '{"created_at":1700000000}'),
)

const queryValue = nasty.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
const query = fc
  .array(
    fc.tuple(fc.oneof(fieldNames, fc.constantFrom('page', 'exact', 'sort', 'order', 'last_id', 'count')), queryValue),
    {
      maxLength: 6,
    },
  )
  .map((pairs) => new URLSearchParams(pairs.map(([key, value]) => [key, value ?? ''])).toString())

type Service = 'proof' | 'kv'
const ENDPOINTS: readonly [Service, 'GET' | 'POST', string][] = [
  ['proof', 'POST', '/v1/proof/payload'],
  ['proof', 'POST', '/v1/proof'],
  ['proof', 'GET', '/v1/proof'],
  ['proof', 'GET', '/v1/proof/exists'],
  ['proof', 'GET', '/v1/proofchain'],
  ['proof', 'GET', '/v1/proofchain/changes'],
  ['proof', 'POST', '/v1/proof/restore_pubkey'],
  ['kv', 'GET', '/v1/kv'],
  ['kv', 'GET', '/v1/kv/by_identity'],
  ['kv', 'POST', '/v1/kv/payload'],
  ['kv', 'POST', '/v1/kv'],
]

const request = fc.record({
  endpoint: fc.constantFrom(...ENDPOINTS),
  query,
  body: jsonBody,
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
  huge: fc.nat({ max: 499 }).map((n) => n === 0), // one in 500 exceeds the body limit
})

describe('malformed requests', () => {
  let server: ServerHandles
  let dataDir: string

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nextid-fuzz-'))
    // The per-client limit would answer most of one client's 10,000 requests with 429 before any
    // parser saw them; this test is about the parsers.
    server = await startServer(
      loadConfig({
        PROOF_PORT: '0',
        KV_PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: 'off',
      }),
    )
  }, 60_000)

  afterAll(async () => {
    await server?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it(`answers ${REQUESTS} of them with a 4xx {"message"} and never a 5xx`, async () => {
    const samples = fc.sample(request, REQUESTS)
    const failures: string[] = []
    let next = 0
    const worker = async () => {
      while (next < samples.length) {
        const sample = samples[next++] as (typeof samples)[number]
        const [service, method, path] = sample.endpoint
        const base = service === 'proof' ? server.proofServiceUrl : server.kvServiceUrl
        const url = `${base}${path}${sample.query ? `?${sample.query}` : ''}`
        const body = sample.huge ? `{"patch":"${'x'.repeat(1_100_000)}"}` : sample.body
        const headers: Record<string, string> = sample.contentType ? { 'content-type': sample.contentType } : {}
        const response = await fetch(url, method === 'POST' ? { method, headers, body } : { method })
        const text = await response.text()
        const problem = judge(response.status, text)
        if (problem)
          failures.push(`${method} ${url.slice(0, 200)} ${body.slice(0, 200)} → ${response.status} ${problem}`)
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    expect(failures.slice(0, 10)).toEqual([])
  }, 600_000)
})

function judge(status: number, text: string): string | undefined {
  if (status >= 500) return `server error: ${text.slice(0, 200)}`
  if (status < 400) return undefined // a malformed-looking request that happens to be valid (e.g. a search)
  try {
    const body = JSON.parse(text) as unknown
    const message = (body as { message?: unknown })?.message
    if (typeof message === 'string' && message !== '' && Object.keys(body as object).length === 1) return undefined
  } catch {}
  return `not a {"message"} body: ${text.slice(0, 200)}`
}
