import { describe, expect, it } from 'vitest'
import { answer, createFakeFetch, type FakeAnswer } from '../../test/support/src/client/test-fake-fetch.js'
import {
  KAT_SIGNATURE,
  KAT_SIGNATURE_BASE64,
  KEY_COMPRESSED,
  KEY_UNCOMPRESSED,
  OTHER_KEY_UNCOMPRESSED,
  UUID,
} from '../../test/support/src/client/test-fixtures.js'
import { hexToBytes } from '../crypto/index.js'
import { InvalidInputError, InvalidResponseError, ServiceError, TimeoutError } from '../errors.js'
import { createKvServiceClient } from './kv-service.js'

const BASE = 'https://kv-service.next.id'

function kvService(answers: FakeAnswer[], timeoutMs?: number) {
  const fake = createFakeFetch(answers)
  const client = createKvServiceClient({ baseUrl: BASE, fetch: fake.fetch, ...(timeoutMs ? { timeoutMs } : {}) })
  return { client, requests: fake.requests }
}

async function rejection(promise: Promise<unknown>, type: abstract new (...args: never[]) => Error): Promise<string> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(type)
    return (error as Error).message
  }
  throw new Error('expected a rejection')
}

const KV_ANSWER = `{"persona":"${KEY_UNCOMPRESSED}","avatar":"${KEY_UNCOMPRESSED}",
 "proofs":[{"platform":"nextid","identity":"${KEY_COMPRESSED}","content":{"com.mask.plugin":{"hidden":[1,2.5,"x"]}},"arweave_id":null},
           {"platform":"twitter","identity":"alice","content":{"a":null},"arweave_id":"Xq9k2BtjlnHqEbT0Vmh6ZZsaNp6k0MOUtfBHoAC4iDg"}]}`

const AVATAR_KV = {
  avatar: KEY_UNCOMPRESSED,
  proofs: [
    {
      platform: 'nextid',
      identity: KEY_COMPRESSED,
      content: { 'com.mask.plugin': { hidden: [1, 2.5, 'x'] } },
      arweaveId: null,
    },
    {
      platform: 'twitter',
      identity: 'alice',
      content: { a: null },
      arweaveId: 'Xq9k2BtjlnHqEbT0Vmh6ZZsaNp6k0MOUtfBHoAC4iDg',
    },
  ],
}

const PATCH = { 'com.mask.plugin': { isPublic: 1, is_valid: true, list: ['a', null] } }
const KV_SIGN_PAYLOAD = `{"version":"1","uuid":"${UUID}","avatar":"${KEY_UNCOMPRESSED.slice(2)}","platform":"nextid","identity":"${KEY_COMPRESSED}","patch":{"com.mask.plugin":{"isPublic":1,"is_valid":true,"list":["a",null]}},"created_at":1646983606,"previous":null}`

const submitParams = {
  avatar: KEY_UNCOMPRESSED,
  platform: 'nextid' as const,
  identity: KEY_COMPRESSED,
  uuid: UUID,
  createdAt: 1646983606,
  signature: KAT_SIGNATURE,
  patch: PATCH,
}

describe('health', () => {
  it('reads GET /healthz (§9.1)', async () => {
    const { client, requests } = kvService([
      answer(200, '{"hello":"kv server","build_at":"2023-10-26T00:00:00Z","commit_version":"93e6279"}'),
    ])
    await expect(client.health()).resolves.toStrictEqual({
      hello: 'kv server',
      buildAt: '2023-10-26T00:00:00Z',
      commitVersion: '93e6279',
    })
    expect(requests[0]?.url).toBe(`${BASE}/healthz`)
  })
})

describe('getKv', () => {
  it('sends the key as given and reads arweave_id as string or null (§9.1)', async () => {
    const { client, requests } = kvService([answer(200, KV_ANSWER)])
    await expect(client.getKv(KEY_UNCOMPRESSED)).resolves.toStrictEqual(AVATAR_KV)
    expect(requests[0]?.url).toBe(`${BASE}/v1/kv?avatar=${KEY_UNCOMPRESSED}`)
    expect(requests[0]?.method).toBe('GET')
  })

  it('sends a compressed key as given, and bytes as 0x + uncompressed', async () => {
    const { client, requests } = kvService([answer(200, KV_ANSWER), answer(200, KV_ANSWER)])
    await client.getKv(KEY_COMPRESSED.slice(2))
    await client.getKv(hexToBytes(KEY_COMPRESSED, 'k'))
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE}/v1/kv?avatar=${KEY_COMPRESSED.slice(2)}`,
      `${BASE}/v1/kv?avatar=${KEY_UNCOMPRESSED}`,
    ])
  })

  it('accepts an answer with only persona, the older apib "" arweave_id, and no proofs', async () => {
    const body = `{"persona":"${KEY_UNCOMPRESSED}","proofs":[{"platform":"twitter","identity":"alice","content":{},"arweave_id":""}]}`
    const { client } = kvService([answer(200, body), answer(200, `{"avatar":"${KEY_UNCOMPRESSED}","proofs":[]}`)])
    await expect(client.getKv(KEY_COMPRESSED)).resolves.toStrictEqual({
      avatar: KEY_UNCOMPRESSED,
      proofs: [{ platform: 'twitter', identity: 'alice', content: {}, arweaveId: '' }],
    })
    await expect(client.getKv(KEY_COMPRESSED)).resolves.toStrictEqual({ avatar: KEY_UNCOMPRESSED, proofs: [] })
  })

  it('turns a 404 (the documented answer for an unknown avatar, §12) into an empty list', async () => {
    const { client } = kvService([answer(404, '{"message":"Not found"}'), answer(404, 'Not Found')])
    await expect(client.getKv(KEY_COMPRESSED)).resolves.toStrictEqual({ avatar: KEY_UNCOMPRESSED, proofs: [] })
    await expect(client.getKv(hexToBytes(KEY_UNCOMPRESSED, 'k'))).resolves.toStrictEqual({
      avatar: KEY_UNCOMPRESSED,
      proofs: [],
    })
  })

  it('maps other errors: 400 message, 500 non-JSON, malformed 200, timeout', async () => {
    const { client } = kvService(
      [
        answer(400, '{"message":"Param error: avatar not found"}'),
        answer(500, 'Internal Server Error'),
        answer(200, KV_ANSWER.replace('"arweave_id":null', '"arweave_id":0')),
        'hang',
      ],
      50,
    )
    expect(await rejection(client.getKv(KEY_COMPRESSED), ServiceError)).toBe(
      'service answered 400: Param error: avatar not found',
    )
    expect(await rejection(client.getKv(KEY_COMPRESSED), ServiceError)).toBe(
      'service answered 500: Internal Server Error',
    )
    expect(await rejection(client.getKv(KEY_COMPRESSED), InvalidResponseError)).toBe(
      `unexpected response from ${BASE}/v1/kv?avatar=${KEY_COMPRESSED}: "proofs[0].arweave_id" expected string, got number`,
    )
    expect(await rejection(client.getKv(KEY_COMPRESSED), TimeoutError)).toBe(
      `request to ${BASE}/v1/kv?avatar=${KEY_COMPRESSED} timed out after 50 ms`,
    )
  })

  it.each([
    ['0X' + 'zz', '"avatar" expected hex digits (0-9, a-f)'],
    [`${KEY_COMPRESSED}00`, '"avatar" expected 33 or 65 bytes, got 34'],
    [undefined, '"avatar" expected hex string or Uint8Array, got undefined'],
  ])('rejects %j before any request', async (avatar, message) => {
    const { client, requests } = kvService([])
    expect(await rejection(client.getKv(avatar as never), InvalidInputError)).toBe(message)
    expect(requests).toHaveLength(0)
  })
})

describe('getKvByIdentity', () => {
  it('asks by platform and identity and reads each avatar (§9.1)', async () => {
    const body = `{"values":[{"avatar":"${KEY_UNCOMPRESSED}","content":{"x":1}},{"avatar":"${OTHER_KEY_UNCOMPRESSED}","content":[]}]}`
    const { client, requests } = kvService([answer(200, body)])
    await expect(client.getKvByIdentity({ platform: 'twitter', identity: 'Alice' })).resolves.toStrictEqual([
      { avatar: KEY_UNCOMPRESSED, content: { x: 1 } },
      { avatar: OTHER_KEY_UNCOMPRESSED, content: [] },
    ])
    expect(requests[0]?.url).toBe(`${BASE}/v1/kv/by_identity?platform=twitter&identity=Alice`)
  })

  it('rejects bad input before any request', async () => {
    const { client, requests } = kvService([])
    expect(await rejection(client.getKvByIdentity({ platform: 'twitter', identity: '' }), InvalidInputError)).toBe(
      '"identity" expected a non-empty string',
    )
    expect(await rejection(client.getKvByIdentity({ platform: 'TWITTER' } as never), InvalidInputError)).toMatch(
      /^"platform" expected one of /,
    )
    expect(requests).toHaveLength(0)
  })
})

describe('createKvPayload', () => {
  it('posts avatar, platform, identity and patch, and reads created_at as a number (§9.1)', async () => {
    const { client, requests } = kvService([
      answer(200, JSON.stringify({ uuid: UUID, sign_payload: KV_SIGN_PAYLOAD, created_at: 1646983606 })),
    ])
    const payload = await client.createKvPayload({
      avatar: KEY_UNCOMPRESSED,
      platform: 'nextid',
      identity: KEY_COMPRESSED,
      patch: PATCH,
    })
    expect(payload).toStrictEqual({ uuid: UUID, signPayload: KV_SIGN_PAYLOAD, createdAt: 1646983606 })
    expect(requests[0]?.url).toBe(`${BASE}/v1/kv/payload`)
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.headers['Content-Type']).toBe('application/json')
    expect(requests[0]?.body).toBe(
      `{"avatar":"${KEY_UNCOMPRESSED}","platform":"nextid","identity":"${KEY_COMPRESSED}","patch":{"com.mask.plugin":{"isPublic":1,"is_valid":true,"list":["a",null]}}}`,
    )
  })

  it('rejects a created_at that is a string, as ProofService would send it', async () => {
    const { client } = kvService([
      answer(200, JSON.stringify({ uuid: UUID, sign_payload: 'x', created_at: '1646983606' })),
    ])
    expect(await rejection(client.createKvPayload({ ...submitParams, patch: {} }), InvalidResponseError)).toBe(
      `unexpected response from ${BASE}/v1/kv/payload: "created_at" expected an integer, got string of length 10`,
    )
  })

  it.each([
    [undefined, '"patch" expected a JSON value, got undefined'],
    [{ a: Number.NaN }, '"patch.a" expected a finite number, got NaN'],
    [{ when: new Date(0) }, '"patch.when" expected a JSON value, got Date'],
    [[1, 2n], '"patch[1]" expected a JSON value, got bigint'],
    [{ a: { b: () => 1 } }, '"patch.a.b" expected a JSON value, got function'],
  ])('rejects patch %# before any request', async (patch, message) => {
    const { client, requests } = kvService([])
    const params = { avatar: KEY_COMPRESSED, platform: 'nextid', identity: KEY_COMPRESSED, patch }
    expect(await rejection(client.createKvPayload(params as never), InvalidInputError)).toBe(message)
    expect(requests).toHaveLength(0)
  })

  it('rejects a cyclic patch', async () => {
    const { client, requests } = kvService([])
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const params = { avatar: KEY_COMPRESSED, platform: 'nextid', identity: KEY_COMPRESSED, patch: cyclic }
    const message = await rejection(client.createKvPayload(params as never), InvalidInputError)
    expect(message).toMatch(/nests deeper than 128 levels \(or is cyclic\)$/)
    expect(requests).toHaveLength(0)
  })
})

describe('submitKv', () => {
  it('posts created_at as a number and the signature as base64, and reads the 201 body (§9.1)', async () => {
    const { client, requests } = kvService([answer(201, KV_ANSWER)])
    await expect(client.submitKv(submitParams)).resolves.toStrictEqual(AVATAR_KV)
    expect(requests[0]?.url).toBe(`${BASE}/v1/kv`)
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' })
    expect(requests[0]?.body).toBe(
      `{"avatar":"${KEY_UNCOMPRESSED}","platform":"nextid","identity":"${KEY_COMPRESSED}","uuid":"${UUID}","created_at":1646983606,"signature":"${KAT_SIGNATURE_BASE64}","patch":{"com.mask.plugin":{"isPublic":1,"is_valid":true,"list":["a",null]}}}`,
    )
  })

  it.each([
    [{ createdAt: '1646983606' }, '"createdAt" expected an integer, got string of length 10'],
    [{ createdAt: 1.5 }, '"createdAt" expected an integer, got number'],
    [{ uuid: `${UUID}0` }, '"uuid" expected a UUID like 8-4-4-4-12 hex digits'],
    [
      { signature: Uint8Array.from(KAT_SIGNATURE).fill(29, 64) },
      '"signature" expected v (last byte) of 0, 1, 27 or 28, got 29',
    ],
    [{ signature: [1, 2] }, '"signature" expected Uint8Array, got array'],
    [
      { platform: 'nextID' },
      '"platform" expected one of twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid, got "nextID"',
    ],
  ])('rejects %j before any request', async (change, message) => {
    const { client, requests } = kvService([])
    expect(await rejection(client.submitKv({ ...submitParams, ...change } as never), InvalidInputError)).toBe(message)
    expect(requests).toHaveLength(0)
  })
})
