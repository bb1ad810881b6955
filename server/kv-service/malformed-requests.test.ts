/**
 * Bad input never gets a 5xx: random bodies and query strings, built from valid and invalid
 * pieces so that every parsing step is reached, all answer a 4xx `{"message"}` (or succeed).
 */
import fc from 'fast-check'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestPglite, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import { createTestKvApp, postJson, testKey } from '../../test/support/server/kv-service/test-kv.js'
import { migrate } from '../db/migrate.js'

const alice = testKey(1)
const ok = (status: number) => status === 200 || status === 201

const nasty = fc.constantFrom('', '\u0000', '\ud800', '<&>', '0x', "'; DROP TABLE kv; --", '%', 'é'.repeat(600))
const text = fc.oneof(fc.string(), nasty)
const key = fc.oneof(
  fc.constantFrom(alice.avatar, alice.uncompressed, alice.bare, `0X${alice.avatar.slice(2)}`, `0x02${'f'.repeat(64)}`),
  text,
)
const json = fc.oneof(fc.jsonValue(), text, fc.constant(JSON.parse('{"__proto__":{"a":1}}')))
const field = <T>(value: fc.Arbitrary<T>) => fc.oneof(value, json)
const body = fc.record(
  {
    avatar: field(key),
    persona: field(key),
    platform: field(fc.constantFrom('nextid', 'twitter', 'ethereum', 'myspace')),
    identity: field(fc.oneof(key, text)),
    patch: json,
    uuid: field(fc.oneof(fc.uuid(), text)),
    created_at: field(fc.oneof(fc.integer(), fc.double())),
    signature: field(fc.oneof(fc.base64String(), text)),
  },
  { requiredKeys: [] },
)

describe('KVService under malformed requests', () => {
  let test: TestDatabase
  let app: Hono
  beforeAll(async () => {
    test = await openTestPglite()
    await migrate(test.db)
    app = createTestKvApp(test.db)
  })
  afterAll(() => test?.dispose())

  const expectNoServerError = async (res: Response) => {
    const answer = await res.text()
    if (ok(res.status)) return
    expect(res.status).toBeGreaterThanOrEqual(400)
    // 503 is the one honest 5xx: the (unreachable) ProofService was asked about a binding.
    if (res.status === 503) expect(JSON.parse(answer)).toEqual({ message: 'ProofService error: unreachable' })
    else expect(res.status).toBeLessThan(500)
    expect(typeof (JSON.parse(answer) as { message?: unknown }).message).toBe('string')
  }

  it('answers random POST bodies with a 4xx message', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('/v1/kv/payload', '/v1/kv'), async (record, path) => {
        await expectNoServerError(await postJson(app, path, JSON.stringify(record)))
      }),
      { numRuns: 1000 },
    )
  })

  it('answers random raw bodies and query strings with a 4xx message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json()), fc.string(), async (raw, query) => {
        await expectNoServerError(await postJson(app, '/v1/kv', raw))
        const search = new URLSearchParams({ avatar: query, platform: query, identity: query }).toString()
        await expectNoServerError(await app.request(`/v1/kv?${search}`))
        await expectNoServerError(await app.request(`/v1/kv/by_identity?${search}`))
        await expectNoServerError(await app.request(`/v1/kv?avatar=${query}`))
      }),
      { numRuns: 1000 },
    )
  })
})
