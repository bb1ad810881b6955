/**
 * Bad input never gets a 5xx: random bodies and query strings, and valid submissions with one
 * field replaced by a random value, all answer 4xx with a `{"message"}` body (or succeed).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestPayload, submissionBody } from '../../test/support/server/proof-service/test-bindings.js'
import {
  AVATAR,
  AVATAR_KEY,
  signBase64,
  WALLET_ADDRESS,
  WALLET_KEY,
} from '../../test/support/server/proof-service/test-keys.js'
import {
  type AnyJson,
  openTestProofService,
  type TestProofService,
} from '../../test/support/server/proof-service/test-proof-service.js'

const RUNS = { numRuns: 1000 }
const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.object(),
  fc.array(fc.string()),
  fc.base64String(),
  fc.uuid(),
  fc.constantFrom(AVATAR, WALLET_ADDRESS, 'create', 'delete', 'ethereum', 'solana', 'nextid', '\u0000', "x' OR 1=1 --"),
)

function expectClientError(answer: { status: number; json: AnyJson }) {
  if (answer.status < 400) return
  expect(answer.status).toBeLessThan(500)
  expect(Object.keys(answer.json)).toEqual(['message'])
  expect(typeof answer.json.message).toBe('string')
}

describe('malformed requests', () => {
  let service: TestProofService
  beforeAll(async () => {
    service = await openTestProofService()
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  it('POST endpoints answer random bodies with 4xx {"message"}', async () => {
    const fields = ['action', 'platform', 'identity', 'public_key', 'uuid', 'created_at', 'extra', 'proof_location']
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom(...fields, 'previous', 'signature', 'proof_post'), anyValue),
      anyValue,
    )
    const path = fc.constantFrom('/v1/proof/payload', '/v1/proof', '/v1/proof/restore_pubkey')
    await fc.assert(
      fc.asyncProperty(path, body, async (p, b) => expectClientError(await service.call('POST', p, b))),
      RUNS,
    )
  })

  it('GET endpoints answer random query strings with 2xx or 4xx {"message"}', async () => {
    const names = ['identity', 'platform', 'page', 'exact', 'sort', 'order', 'public_key', 'avatar', 'last_id', 'count']
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(AVATAR, 'nextid', '-1', '1e99', '99999999999999999999', 'activated_at'),
    )
    const path = fc.constantFrom('/v1/proof', '/v1/proof/exists', '/v1/proofchain', '/v1/proofchain/changes')
    await fc.assert(
      fc.asyncProperty(path, fc.dictionary(fc.constantFrom(...names), value), async (p, query) => {
        expectClientError(await service.call('GET', `${p}?${new URLSearchParams(query).toString()}`))
      }),
      RUNS,
    )
  })

  it('a valid submission with any one field replaced never gets a 5xx', async () => {
    const spec = {
      platform: 'ethereum',
      identity: WALLET_ADDRESS,
      extra: (payload: string) => ({
        signature: signBase64(payload, AVATAR_KEY),
        wallet_signature: signBase64(payload, WALLET_KEY),
      }),
    }
    const body = submissionBody(spec, await requestPayload(service, spec))
    const field = fc.constantFrom(
      'action',
      'platform',
      'identity',
      'public_key',
      'uuid',
      'created_at',
      'extra',
      'proof_location',
      'extra.signature',
      'extra.wallet_signature',
    )
    await fc.assert(
      fc.asyncProperty(field, anyValue, async (name, value) => {
        const changed = structuredClone(body) as Record<string, AnyJson>
        if (name.startsWith('extra.')) changed.extra[name.slice('extra.'.length)] = value
        else changed[name] = value
        expectClientError(await service.call('POST', '/v1/proof', changed))
      }),
      RUNS,
    )
  })
})
