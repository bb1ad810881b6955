import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { answer, createFakeFetch, type FakeAnswer } from '../../test/support/src/client/test-fake-fetch.js'
import {
  KAT_SIGNATURE,
  KAT_SIGNATURE_BASE64,
  KAT_SIGNATURE_V27_BASE64,
  KEY_COMPRESSED,
  KEY_UNCOMPRESSED,
  OTHER_KEY_COMPRESSED,
  TEST_SECRET_KEY,
  UUID,
} from '../../test/support/src/client/test-fixtures.js'
import {
  encodeBase58,
  encodeBase64,
  hexToBytes,
  signPersonalMessage,
  toChecksumAddress,
  verifyPersonalSignature,
} from '../crypto/index.js'
import { InvalidInputError, InvalidResponseError, ServiceError } from '../errors.js'
import { createProofServiceClient } from './proof-service.js'

const BASE = 'https://proof-service.next.id'
const PLATFORM_LIST =
  'twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid'
const ADDRESS = '0x115d0e8886e48b7eed48ecc40dfe8d327c4604c3'
const SOLANA_ADDRESS = encodeBase58(new Uint8Array(32).fill(9))

function proofService(answers: FakeAnswer[], timeoutMs?: number) {
  const fake = createFakeFetch(answers)
  const client = createProofServiceClient({
    baseUrl: `${BASE}/`,
    fetch: fake.fetch,
    ...(timeoutMs ? { timeoutMs } : {}),
  })
  return { client, requests: fake.requests }
}

/** The message of a rejection, checking its class. */
async function rejection(promise: Promise<unknown>, type: abstract new (...args: never[]) => Error): Promise<string> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(type)
    return (error as Error).message
  }
  throw new Error('expected a rejection')
}

const GENESIS_PAYLOAD = `{"action":"create","created_at":"1700000000","identity":"alice","platform":"twitter","prev":null,"uuid":"${UUID}"}`
const PAYLOAD_ANSWER = JSON.stringify({
  post_content: {
    default: `🎭 Verify @alice with @NextDotID.\nSig: %SIG_BASE64%\nMisc: ${UUID}|1700000000|`,
    en_US: '🎭 Verify @alice with @NextDotID.',
    zh_CN: '🎭 与 @NextDotID 验证 @alice。',
  },
  sign_payload: GENESIS_PAYLOAD,
  uuid: UUID,
  created_at: '1700000000',
})

const PROOF_QUERY_ANSWER = `{
  "pagination": {"total": 2, "per": 40, "current": 1, "next": 0},
  "ids": [{
    "persona": "${KEY_COMPRESSED}",
    "avatar": "${KEY_COMPRESSED}",
    "alias": ["${OTHER_KEY_COMPRESSED}"],
    "last_arweave_id": "",
    "activated_at": "1643099438",
    "proofs": [
      {"platform": "twitter", "identity": "alice", "alt_id": "1234567", "created_at": "1643099438",
       "last_checked_at": "1643099438", "is_valid": true, "invalid_reason": ""},
      {"platform": "github", "identity": "alice", "alt_id": "", "created_at": "1643099500",
       "last_checked_at": "1643199500", "is_valid": false, "invalid_reason": "gist not found"}
    ]
  }]
}`

const EMPTY_QUERY_PAGE = '{"pagination":{"total":0,"per":40,"current":1,"next":0},"ids":[]}'

const ALICE_BINDINGS = {
  avatar: KEY_COMPRESSED,
  alias: [OTHER_KEY_COMPRESSED],
  lastArweaveId: '',
  activatedAt: '1643099438',
  proofs: [
    {
      platform: 'twitter',
      identity: 'alice',
      altId: '1234567',
      createdAt: '1643099438',
      lastCheckedAt: '1643099438',
      isValid: true,
      invalidReason: '',
    },
    {
      platform: 'github',
      identity: 'alice',
      altId: '',
      createdAt: '1643099500',
      lastCheckedAt: '1643199500',
      isValid: false,
      invalidReason: 'gist not found',
    },
  ],
}

const CHAIN_LINK_WIRE = `{"action":"create","platform":"twitter","identity":"alice","alt_id":"","proof_location":"1415362679095635970","created_at":"1648023422","signature":"${KAT_SIGNATURE_BASE64}","signature_payload":"","uuid":"","extra":{},"arweave_id":""}`
const CHAIN_LINK = {
  action: 'create',
  platform: 'twitter',
  identity: 'alice',
  altId: '',
  proofLocation: '1415362679095635970',
  createdAt: '1648023422',
  signature: KAT_SIGNATURE_BASE64,
  signaturePayload: '',
  uuid: '',
  extra: {},
  arweaveId: '',
}

const submitParams = {
  action: 'create' as const,
  platform: 'twitter' as const,
  identity: 'alice',
  publicKey: KEY_UNCOMPRESSED,
  proofLocation: '1415362679095635970',
  uuid: UUID,
  createdAt: '1700000000',
  signature: KAT_SIGNATURE,
}

describe('health', () => {
  it('reads GET /healthz (§4.3)', async () => {
    const { client, requests } = proofService([
      answer(
        200,
        '{"hello":"proof service","runtime":"lambda","platforms":["twitter","ethereum","keybase","github","discord","dotbit","solana","minds","dns","steam","activitypub"],"environment":"production","revision":"f23cdac","built_at":"1705536000"}',
      ),
    ])
    await expect(client.health()).resolves.toStrictEqual({
      hello: 'proof service',
      runtime: 'lambda',
      platforms: [
        'twitter',
        'ethereum',
        'keybase',
        'github',
        'discord',
        'dotbit',
        'solana',
        'minds',
        'dns',
        'steam',
        'activitypub',
      ],
      environment: 'production',
      revision: 'f23cdac',
      builtAt: '1705536000',
    })
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE}/healthz`])
  })
})

describe('createPayload', () => {
  it('posts the four fields, the key as 0x + compressed, and keeps the genesis payload verbatim (§4.4)', async () => {
    const { client, requests } = proofService([answer(200, PAYLOAD_ANSWER)])
    const payload = await client.createPayload({
      action: 'create',
      platform: 'twitter',
      identity: 'alice',
      publicKey: KEY_UNCOMPRESSED,
    })
    expect(requests).toHaveLength(1)
    expect(requests[0]?.url).toBe(`${BASE}/v1/proof/payload`)
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.headers['Content-Type']).toBe('application/json')
    expect(requests[0]?.body).toBe(
      `{"action":"create","platform":"twitter","identity":"alice","public_key":"${KEY_COMPRESSED}"}`,
    )
    expect(payload).toStrictEqual({
      postContent: {
        default: `🎭 Verify @alice with @NextDotID.\nSig: %SIG_BASE64%\nMisc: ${UUID}|1700000000|`,
        en_US: '🎭 Verify @alice with @NextDotID.',
        zh_CN: '🎭 与 @NextDotID 验证 @alice。',
      },
      signPayload: GENESIS_PAYLOAD,
      uuid: UUID,
      createdAt: '1700000000',
    })
  })

  it('sends the identity normalised as the payload carries it (§5.3, §10)', async () => {
    const { client, requests } = proofService([answer(200, PAYLOAD_ANSWER), answer(200, PAYLOAD_ANSWER)])
    await client.createPayload({ action: 'create', platform: 'twitter', identity: 'Alice', publicKey: KEY_COMPRESSED })
    await client.createPayload({ action: 'create', platform: 'minds', identity: 'AliceM', publicKey: KEY_COMPRESSED })
    expect(requests.map((r) => JSON.parse(r.body ?? '').identity)).toEqual(['alice', 'alicem'])
  })

  it('accepts the key as bytes', async () => {
    const { client, requests } = proofService([answer(200, PAYLOAD_ANSWER)])
    await client.createPayload({
      action: 'delete',
      platform: 'github',
      identity: 'alice',
      publicKey: hexToBytes(KEY_UNCOMPRESSED, 'k'),
    })
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      action: 'delete',
      platform: 'github',
      identity: 'alice',
      public_key: KEY_COMPRESSED,
    })
  })

  it.each([
    [null, '"params" expected an object, got null'],
    [
      { action: 'add', platform: 'twitter', identity: 'a', publicKey: KEY_COMPRESSED },
      '"action" expected one of create, delete, got "add"',
    ],
    [
      { action: 'create', platform: 'myspace', identity: 'a', publicKey: KEY_COMPRESSED },
      `"platform" expected one of ${PLATFORM_LIST}, got "myspace"`,
    ],
    [
      { action: 'create', platform: 'twitter', identity: '', publicKey: KEY_COMPRESSED },
      '"identity" expected a non-empty string',
    ],
    [
      { action: 'create', platform: 'twitter', identity: 7, publicKey: KEY_COMPRESSED },
      '"identity" expected string, got number',
    ],
    [
      { action: 'create', platform: 'twitter', identity: 'a', publicKey: '0x02zz' },
      '"publicKey" expected hex digits (0-9, a-f)',
    ],
    [
      { action: 'create', platform: 'twitter', identity: 'a', publicKey: '0x0203' },
      '"publicKey" expected 33 or 65 bytes, got 2',
    ],
    [
      { action: 'create', platform: 'twitter', identity: 'a', publicKey: 12 },
      '"publicKey" expected hex string or Uint8Array, got number',
    ],
  ])('rejects %j before any request', async (params, message) => {
    const { client, requests } = proofService([])
    expect(await rejection(client.createPayload(params as never), InvalidInputError)).toBe(message)
    expect(requests).toHaveLength(0)
  })

  it('rejects a malformed 200', async () => {
    const bad = [
      [
        '{"post_content":{"default":""},"sign_payload":"x","uuid":"not-a-uuid","created_at":"1"}',
        '"uuid" expected a UUID like 8-4-4-4-12 hex digits',
      ],
      [
        `{"post_content":{"default":""},"sign_payload":"x","uuid":"${UUID}","created_at":1700000000}`,
        '"created_at" expected string, got number',
      ],
      [
        `{"post_content":{},"sign_payload":"x","uuid":"${UUID}","created_at":"1"}`,
        '"post_content.default" expected string, got undefined',
      ],
      [
        `{"post_content":{"default":"","en_US":1},"sign_payload":"x","uuid":"${UUID}","created_at":"1"}`,
        '"post_content.en_US" expected string, got number',
      ],
      ['[]', '"body" expected an object, got array'],
    ]
    for (const [body, problem] of bad) {
      const { client } = proofService([answer(200, body as string)])
      const promise = client.createPayload({
        action: 'create',
        platform: 'twitter',
        identity: 'a',
        publicKey: KEY_COMPRESSED,
      })
      expect(await rejection(promise, InvalidResponseError)).toBe(
        `unexpected response from ${BASE}/v1/proof/payload: ${problem}`,
      )
    }
  })
})

describe('submitProof', () => {
  it('posts created_at as a string and extra.signature as base64 of the 65 bytes (§4.5)', async () => {
    const { client, requests } = proofService([answer(201, '{}')])
    await expect(client.submitProof(submitParams)).resolves.toBeUndefined()
    expect(requests[0]?.url).toBe(`${BASE}/v1/proof`)
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.headers['Content-Type']).toBe('application/json')
    expect(requests[0]?.body).toBe(
      `{"action":"create","platform":"twitter","identity":"alice","public_key":"${KEY_COMPRESSED}","proof_location":"1415362679095635970","extra":{"signature":"${KAT_SIGNATURE_BASE64}"},"uuid":"${UUID}","created_at":"1700000000"}`,
    )
  })

  it('signs the received sign_payload byte for byte and submits that signature', async () => {
    const { client, requests } = proofService([answer(200, PAYLOAD_ANSWER), answer(201, '{}')])
    const payload = await client.createPayload({
      action: 'create',
      platform: 'twitter',
      identity: 'alice',
      publicKey: KEY_COMPRESSED,
    })
    const signature = signPersonalMessage(payload.signPayload, TEST_SECRET_KEY)
    await client.submitProof({ ...submitParams, uuid: payload.uuid, createdAt: payload.createdAt, signature })
    const sent = JSON.parse(requests[1]?.body ?? '') as { extra: { signature: string }; created_at: unknown }
    expect(sent.extra.signature).toBe(encodeBase64(signature))
    expect(sent.created_at).toBe('1700000000')
    expect(verifyPersonalSignature(GENESIS_PAYLOAD, signature, hexToBytes(KEY_COMPRESSED, 'k'))).toBe(true)
  })

  it('omits proof_location when absent and adds the wallet signature for ethereum and solana (§6.4, §6.5)', async () => {
    const solanaSignature = encodeBase58(new Uint8Array(64).fill(7))
    const { client, requests } = proofService([answer(201, '{}'), answer(201, '{}')])
    const wallet = { uuid: UUID, createdAt: '1650000000', signature: KAT_SIGNATURE, publicKey: KEY_COMPRESSED }
    await client.submitProof({
      ...wallet,
      action: 'create',
      platform: 'ethereum',
      identity: toChecksumAddress(ADDRESS), // sent lowercased, as the payload carries it (§6.4)
      walletSignature: KAT_SIGNATURE_V27_BASE64,
    })
    await client.submitProof({
      ...wallet,
      action: 'delete',
      platform: 'solana',
      identity: SOLANA_ADDRESS,
      walletSignature: solanaSignature,
    })
    expect(JSON.parse(requests[0]?.body ?? '')).toStrictEqual({
      action: 'create',
      platform: 'ethereum',
      identity: ADDRESS,
      public_key: KEY_COMPRESSED,
      extra: { signature: KAT_SIGNATURE_BASE64, wallet_signature: KAT_SIGNATURE_V27_BASE64 },
      uuid: UUID,
      created_at: '1650000000',
    })
    expect(JSON.parse(requests[1]?.body ?? '').extra).toStrictEqual({
      signature: KAT_SIGNATURE_BASE64,
      wallet_signature: solanaSignature,
    })
  })

  it('sends a wallet-only delete without extra.signature (§6.4 delete (a)), and nothing else without it', async () => {
    const { client, requests } = proofService([answer(201, '{}')])
    const { signature: _, ...unsigned } = { ...submitParams, platform: 'ethereum' as const, identity: ADDRESS }
    await client.submitProof({ ...unsigned, action: 'delete', walletSignature: KAT_SIGNATURE_V27_BASE64 })
    expect(JSON.parse(requests[0]?.body ?? '').extra).toStrictEqual({ wallet_signature: KAT_SIGNATURE_V27_BASE64 })
    for (const change of [{ action: 'create', walletSignature: KAT_SIGNATURE_V27_BASE64 }, { action: 'delete' }]) {
      expect(await rejection(client.submitProof({ ...unsigned, ...change } as never), InvalidInputError)).toBe(
        '"signature" expected Uint8Array, got undefined',
      )
    }
    expect(requests).toHaveLength(1)
  })

  it('passes further extra fields next to the signature', async () => {
    const { client, requests } = proofService([answer(201, '{}')])
    await client.submitProof({
      ...submitParams,
      platform: 'nextid',
      identity: OTHER_KEY_COMPRESSED,
      extra: { target_signature: '0xabcd' },
    })
    expect(JSON.parse(requests[0]?.body ?? '').extra).toStrictEqual({
      target_signature: '0xabcd',
      signature: KAT_SIGNATURE_BASE64,
    })
  })

  it.each([
    [{ createdAt: 1700000000 }, '"createdAt" expected string, got number'],
    [{ createdAt: '17e8' }, '"createdAt" expected decimal unix seconds as a string'],
    [{ uuid: 'abc' }, '"uuid" expected a UUID like 8-4-4-4-12 hex digits'],
    [{ signature: KAT_SIGNATURE.slice(0, 64) }, '"signature" expected 65 bytes, got 64'],
    [{ signature: KAT_SIGNATURE_BASE64 }, '"signature" expected Uint8Array, got string of length 88'],
    [
      { signature: Uint8Array.from([...KAT_SIGNATURE.slice(0, 64), 5]) },
      '"signature" expected v (last byte) of 0, 1, 27 or 28, got 5',
    ],
    [{ proofLocation: '' }, '"proofLocation" expected a non-empty string'],
    [{ walletSignature: KAT_SIGNATURE_BASE64 }, '"walletSignature" is only used by ethereum and solana, not twitter'],
    [
      { platform: 'ethereum', identity: ADDRESS, walletSignature: 'AAAA' },
      '"walletSignature" expected 65 bytes, got 3',
    ],
    [
      { platform: 'solana', identity: SOLANA_ADDRESS, walletSignature: '0OIl' },
      '"walletSignature" expected base58 (Bitcoin alphabet)',
    ],
    [{ platform: 'ethereum', identity: 'alice' }, '"identity" expected 0x and 40 hex digits'],
    [
      { extra: { signature: 'x' } },
      '"extra.signature" is set from "signature"/"walletSignature"; do not pass it in "extra"',
    ],
    [{ extra: { target_signature: 1 } }, '"extra.target_signature" expected string, got number'],
  ])('rejects %j before any request', async (change, message) => {
    const { client, requests } = proofService([])
    expect(await rejection(client.submitProof({ ...submitParams, ...change } as never), InvalidInputError)).toBe(
      message,
    )
    expect(requests).toHaveLength(0)
  })

  it('maps 400 {"message":"bad signature"} to ServiceError', async () => {
    const { client } = proofService([answer(400, '{"message":"bad signature"}')])
    const error = await client.submitProof(submitParams).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error).toMatchObject({ status: 400, serviceMessage: 'bad signature' })
  })
})

describe('queryProofs', () => {
  it('sends exact=true by default and reads every field, dropping unknown ones (§4.6)', async () => {
    const withExtraField = PROOF_QUERY_ANSWER.replace('"alias"', '"surprise": 1, "alias"')
    const { client, requests } = proofService([answer(200, withExtraField)])
    const page = await client.queryProofs({ identity: 'alice', platform: 'twitter' })
    expect(requests[0]?.url).toBe(`${BASE}/v1/proof?identity=alice&platform=twitter&exact=true`)
    expect(requests[0]?.method).toBe('GET')
    expect(page).toStrictEqual({ pagination: { total: 2, per: 40, current: 1, next: 0 }, ids: [ALICE_BINDINGS] })
  })

  it('joins several identities with commas and passes page, exact, sort and order', async () => {
    const { client, requests } = proofService([
      answer(200, '{"pagination":{"total":0,"per":40,"current":3,"next":0},"ids":[]}'),
    ])
    const page = await client.queryProofs({
      identity: ['alice', 'bob@mastodon.social'],
      page: 3,
      exact: false,
      sort: 'created_at',
      order: 'asc',
    })
    expect(requests[0]?.url).toBe(
      `${BASE}/v1/proof?identity=alice%2Cbob%40mastodon.social&page=3&exact=false&sort=created_at&order=asc`,
    )
    expect(page.ids).toEqual([])
  })

  it('normalises nextid identities to 0x + compressed, which the server compares verbatim', async () => {
    const { client, requests } = proofService([answer(200, PROOF_QUERY_ANSWER)])
    await client.queryProofs({ platform: 'nextid', identity: [KEY_UNCOMPRESSED.toUpperCase().replace('0X', '0x')] })
    expect(requests[0]?.url).toBe(`${BASE}/v1/proof?identity=${KEY_COMPRESSED}&platform=nextid&exact=true`)
  })

  it('accepts an answer with only avatar or only persona, and refuses one where they differ', async () => {
    const onlyPersona = PROOF_QUERY_ANSWER.replace(`"avatar": "${KEY_COMPRESSED}",`, '')
    const onlyAvatar = PROOF_QUERY_ANSWER.replace(`"persona": "${KEY_COMPRESSED}",`, '')
    const differ = PROOF_QUERY_ANSWER.replace(`"persona": "${KEY_COMPRESSED}"`, `"persona": "${OTHER_KEY_COMPRESSED}"`)
    const neither = onlyAvatar.replace(`"avatar": "${KEY_COMPRESSED}",`, '')
    const { client } = proofService([
      answer(200, onlyPersona),
      answer(200, onlyAvatar),
      answer(200, differ),
      answer(200, neither),
    ])
    expect((await client.queryProofs({ identity: 'alice' })).ids).toStrictEqual([ALICE_BINDINGS])
    expect((await client.queryProofs({ identity: 'alice' })).ids).toStrictEqual([ALICE_BINDINGS])
    const url = `${BASE}/v1/proof?identity=alice&exact=true`
    expect(await rejection(client.queryProofs({ identity: 'alice' }), InvalidResponseError)).toBe(
      `unexpected response from ${url}: "ids[0].persona" names a different key than "avatar"`,
    )
    expect(await rejection(client.queryProofs({ identity: 'alice' }), InvalidResponseError)).toBe(
      `unexpected response from ${url}: "ids[0].avatar" expected string, got undefined`,
    )
  })

  it.each([
    ['"is_valid": true', '"is_valid": "true"', '"ids[0].proofs[0].is_valid" expected boolean, got string of length 4'],
    [
      '"created_at": "1643099438"',
      '"created_at": 1643099438',
      '"ids[0].proofs[0].created_at" expected string, got number',
    ],
    ['"total": 2', '"total": 2.5', '"pagination.total" expected an integer, got number'],
    ['"alias": [', '"alias": ["0x1234", ', '"ids[0].alias[0]" expected 33 or 65 bytes, got 2'],
    ['"last_arweave_id": "",', '', '"ids[0].last_arweave_id" expected string, got undefined'],
  ])('rejects a 200 where %s became %s', async (from, to, problem) => {
    const { client } = proofService([answer(200, PROOF_QUERY_ANSWER.replace(from, to))])
    expect(await rejection(client.queryProofs({ identity: 'alice' }), InvalidResponseError)).toBe(
      `unexpected response from ${BASE}/v1/proof?identity=alice&exact=true: ${problem}`,
    )
  })

  it.each([
    [{ identity: [] }, '"identity" expected at least one identity'],
    [{ identity: 'a,b' }, '"identity" must not contain a comma'],
    [{ identity: ['a', ''] }, '"identity[1]" expected a non-empty string'],
    [{ identity: 5 }, '"identity" expected string or array of strings, got number'],
    [{ identity: 'a', page: 1.5 }, '"page" expected an integer, got number'],
    [{ identity: 'a', page: 0 }, '"page" expected 1..2147483647, got 0'],
    [{ identity: 'a', exact: 'yes' }, '"exact" expected boolean, got string of length 3'],
    [
      { identity: 'a', sort: 'last_arweave_id' },
      '"sort" expected one of id, created_at, last_checked_at, proof_chain_id, platform, identity, alt_id, activated_at, got "last_arweave_id"',
    ],
    [{ identity: 'a', order: 'up' }, '"order" expected one of asc, desc, got "up"'],
    [{ identity: ['0x1234'], platform: 'nextid' }, '"identity[0]" expected 33 or 65 bytes, got 2'],
  ])('rejects %j before any request', async (query, message) => {
    const { client, requests } = proofService([])
    expect(await rejection(client.queryProofs(query as never), InvalidInputError)).toBe(message)
    expect(requests).toHaveLength(0)
  })

  it('round-trips any comma-free identity through the query string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => !s.includes(',')),
        async (identity) => {
          const { client, requests } = proofService([answer(200, EMPTY_QUERY_PAGE)])
          await client.queryProofs({ identity })
          expect(new URL(requests[0]?.url ?? '').searchParams.get('identity')).toBe(identity)
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('queryAvatarBindings', () => {
  it('asks platform=nextid with the 0x + compressed key and returns that avatar (§10)', async () => {
    const { client, requests } = proofService([
      answer(200, PROOF_QUERY_ANSWER),
      answer(200, '{"pagination":{"total":0,"per":40,"current":1,"next":0},"ids":[]}'),
    ])
    await expect(client.queryAvatarBindings(KEY_UNCOMPRESSED)).resolves.toStrictEqual(ALICE_BINDINGS)
    await expect(client.queryAvatarBindings(OTHER_KEY_COMPRESSED)).resolves.toBeNull()
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE}/v1/proof?identity=${KEY_COMPRESSED}&platform=nextid&exact=true`,
      `${BASE}/v1/proof?identity=${OTHER_KEY_COMPRESSED}&platform=nextid&exact=true`,
    ])
  })

  it('rejects a bad key before any request', async () => {
    const { client, requests } = proofService([])
    expect(await rejection(client.queryAvatarBindings('nope'), InvalidInputError)).toBe(
      '"avatar" expected hex digits (0-9, a-f)',
    )
    expect(requests).toHaveLength(0)
  })
})

describe('proofExists', () => {
  it('returns the state on 200 and null on 404 (§4.7)', async () => {
    const { client, requests } = proofService([
      answer(200, '{"created_at":"1643099438","last_checked_at":"1643099438","is_valid":true,"invalid_reason":""}'),
      answer(404, '{"message":"Record not found for twitter: foo"}'),
    ])
    await expect(
      client.proofExists({ platform: 'twitter', identity: 'alice', publicKey: KEY_UNCOMPRESSED }),
    ).resolves.toStrictEqual({
      createdAt: '1643099438',
      lastCheckedAt: '1643099438',
      isValid: true,
      invalidReason: '',
    })
    await expect(
      client.proofExists({ platform: 'twitter', identity: 'foo', publicKey: KEY_COMPRESSED }),
    ).resolves.toBeNull()
    expect(requests[0]?.url).toBe(
      `${BASE}/v1/proof/exists?platform=twitter&identity=alice&public_key=${KEY_COMPRESSED}`,
    )
  })

  it('still reports other errors, such as a 500 with a non-JSON body', async () => {
    const { client } = proofService([answer(500, 'upstream request timeout')])
    const error = await client
      .proofExists({ platform: 'twitter', identity: 'a', publicKey: KEY_COMPRESSED })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect((error as Error).message).toBe('service answered 500: upstream request timeout')
  })

  it('rejects bad input before any request', async () => {
    const { client, requests } = proofService([])
    expect(
      await rejection(client.proofExists({ platform: 'twitter', identity: 'a' } as never), InvalidInputError),
    ).toBe('"publicKey" expected hex string or Uint8Array, got undefined')
    expect(requests).toHaveLength(0)
  })
})

describe('getProofChain and getProofChainChanges', () => {
  it('asks /v1/proofchain with avatar as 0x + compressed and reads the links verbatim (§4.8)', async () => {
    const { client, requests } = proofService([
      answer(200, `{"pagination":{"total":1,"per":40,"current":2,"next":0},"proof_chain":[${CHAIN_LINK_WIRE}]}`),
    ])
    const page = await client.getProofChain({ avatar: hexToBytes(KEY_UNCOMPRESSED, 'k'), page: 2 })
    expect(requests[0]?.url).toBe(`${BASE}/v1/proofchain?avatar=${KEY_COMPRESSED}&page=2`)
    expect(page).toStrictEqual({ pagination: { total: 1, per: 40, current: 2, next: 0 }, proofChain: [CHAIN_LINK] })
  })

  it('keeps extra and a non-empty signature_payload as sent', async () => {
    const link = CHAIN_LINK_WIRE.replace('"extra":{}', '"extra":{"wallet_signature":""}').replace(
      '"signature_payload":""',
      `"signature_payload":${JSON.stringify(GENESIS_PAYLOAD)}`,
    )
    const { client } = proofService([
      answer(200, `{"pagination":{"total":1,"per":40,"current":1,"next":0},"proof_chain":[${link}]}`),
    ])
    const [only] = (await client.getProofChain({ avatar: KEY_COMPRESSED })).proofChain
    expect(only?.extra).toStrictEqual({ wallet_signature: '' })
    expect(only?.signaturePayload).toBe(GENESIS_PAYLOAD)
  })

  it('reads an old link whose extra is null as no extra', async () => {
    const link = CHAIN_LINK_WIRE.replace('"extra":{}', '"extra":null')
    const { client } = proofService([
      answer(200, `{"pagination":{"total":1,"per":40,"current":1,"next":0},"proof_chain":[${link}]}`),
    ])
    expect((await client.getProofChain({ avatar: KEY_COMPRESSED })).proofChain[0]?.extra).toStrictEqual({})
  })

  it('rejects a link whose extra is not an object', async () => {
    const link = CHAIN_LINK_WIRE.replace('"extra":{}', '"extra":"{}"')
    const { client } = proofService([
      answer(200, `{"pagination":{"total":1,"per":40,"current":1,"next":0},"proof_chain":[${link}]}`),
    ])
    expect(await rejection(client.getProofChain({ avatar: KEY_COMPRESSED }), InvalidResponseError)).toBe(
      `unexpected response from ${BASE}/v1/proofchain?avatar=${KEY_COMPRESSED}: "proof_chain[0].extra" expected an object, got string of length 2`,
    )
  })

  it('asks /v1/proofchain/changes by last_id and reads id and avatar (§4.9)', async () => {
    const change = CHAIN_LINK_WIRE.replace('{', `{"id":204,"avatar":"${KEY_COMPRESSED}",`)
    const { client, requests } = proofService([answer(200, `{"links":[${change}]}`)])
    await expect(client.getProofChainChanges({ lastId: 203, count: 100 })).resolves.toStrictEqual([
      { id: 204, avatar: KEY_COMPRESSED, ...CHAIN_LINK },
    ])
    expect(requests[0]?.url).toBe(`${BASE}/v1/proofchain/changes?last_id=203&count=100`)
  })

  it.each([
    [
      () => ({ avatar: KEY_COMPRESSED, page: '2' }),
      'getProofChain',
      '"page" expected an integer, got string of length 1',
    ],
    [() => ({ avatar: '' }), 'getProofChain', '"avatar" expected 33 or 65 bytes, got 0'],
    [() => ({ lastId: -1 }), 'getProofChainChanges', '"lastId" expected 0..9007199254740991, got -1'],
    [() => ({ lastId: 0, count: 101 }), 'getProofChainChanges', '"count" expected 1..100, got 101'],
    [() => ({ lastId: '0' }), 'getProofChainChanges', '"lastId" expected an integer, got string of length 1'],
  ] as const)('rejects bad input before any request (%#)', async (params, method, message) => {
    const { client, requests } = proofService([])
    expect(await rejection(client[method](params() as never), InvalidInputError)).toBe(message)
    expect(requests).toHaveLength(0)
  })
})

describe('restorePublicKey', () => {
  it('posts form (a) with base64 signature and previous, and accepts 200 (§4.10)', async () => {
    const { client, requests } = proofService([answer(200, `{"public_key":"${KEY_UNCOMPRESSED}"}`)])
    const restored = await client.restorePublicKey({
      action: 'create',
      platform: 'twitter',
      identity: 'alice',
      uuid: UUID,
      createdAt: '1700000000',
      previous: KAT_SIGNATURE_V27_BASE64,
      signature: KAT_SIGNATURE,
    })
    expect(restored).toBe(KEY_COMPRESSED)
    expect(requests[0]?.url).toBe(`${BASE}/v1/proof/restore_pubkey`)
    expect(requests[0]?.body).toBe(
      `{"action":"create","platform":"twitter","identity":"alice","uuid":"${UUID}","created_at":"1700000000","previous":"${KAT_SIGNATURE_V27_BASE64}","signature":"${KAT_SIGNATURE_BASE64}"}`,
    )
  })

  it('posts form (b) with the whole tweet and accepts 201 (the docs status)', async () => {
    const post = `🎭 Verify @alice with @NextDotID.\nSig: ${KAT_SIGNATURE_BASE64}\nMisc: ${UUID}|1700000000|`
    const { client, requests } = proofService([answer(201, `{"public_key":"${KEY_COMPRESSED}"}`)])
    await expect(
      client.restorePublicKey({ action: 'create', platform: 'twitter', identity: 'alice', proofPost: post }),
    ).resolves.toBe(KEY_COMPRESSED)
    expect(JSON.parse(requests[0]?.body ?? '')).toStrictEqual({
      action: 'create',
      platform: 'twitter',
      identity: 'alice',
      proof_post: post,
    })
  })

  it('sends an empty previous for genesis', async () => {
    const { client, requests } = proofService([answer(200, `{"public_key":"${KEY_COMPRESSED}"}`)])
    const params = {
      action: 'create',
      platform: 'github',
      identity: 'a',
      uuid: UUID,
      createdAt: '1',
      previous: null,
      signature: KAT_SIGNATURE,
    } as const
    await client.restorePublicKey(params)
    expect(JSON.parse(requests[0]?.body ?? '').previous).toBe('')
  })

  it.each([
    [{ proofPost: 'x', platform: 'github' }, '"platform" expected one of twitter, got "github"'],
    [{ proofPost: '' }, '"proofPost" expected a non-empty string'],
    [{ previous: 'AAAA' }, '"previous" expected base64 of 65 bytes, got 3 bytes'],
    [{ previous: 'not base64' }, '"previous" expected standard padded base64'],
    [{ createdAt: 1 }, '"createdAt" expected string, got number'],
  ])('rejects %j before any request', async (change, message) => {
    const { client, requests } = proofService([])
    const base = {
      action: 'create',
      platform: 'twitter',
      identity: 'a',
      uuid: UUID,
      createdAt: '1',
      previous: null,
      signature: KAT_SIGNATURE,
    }
    expect(await rejection(client.restorePublicKey({ ...base, ...change } as never), InvalidInputError)).toBe(message)
    expect(requests).toHaveLength(0)
  })

  it('rejects an answer without a valid key', async () => {
    const { client } = proofService([answer(200, '{"public_key":"0x05"}')])
    const params = { action: 'create', platform: 'twitter', identity: 'a', proofPost: 'x' } as const
    expect(await rejection(client.restorePublicKey(params), InvalidResponseError)).toBe(
      `unexpected response from ${BASE}/v1/proof/restore_pubkey: "public_key" expected 33 or 65 bytes, got 1`,
    )
  })
})

function queryPage(current: number, next: number, avatars: string[]): FakeAnswer {
  const ids = avatars.map((avatar) => ({
    persona: avatar,
    avatar,
    alias: [],
    last_arweave_id: '',
    activated_at: '1',
    proofs: [],
  }))
  return answer(200, JSON.stringify({ pagination: { total: 100, per: 40, current, next }, ids }))
}

function chainPage(current: number, next: number, identities: string[]): FakeAnswer {
  const links = identities.map((identity) => JSON.parse(CHAIN_LINK_WIRE.replace('"alice"', JSON.stringify(identity))))
  return answer(200, JSON.stringify({ pagination: { total: 81, per: 40, current, next }, proof_chain: links }))
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of iterator) items.push(item)
  return items
}

describe('iterateProofs and iterateProofChain', () => {
  it('follows pagination.next until 0, yielding each avatar once', async () => {
    const { client, requests } = proofService([
      queryPage(1, 2, [KEY_COMPRESSED]),
      queryPage(2, 3, [KEY_COMPRESSED, OTHER_KEY_COMPRESSED]),
      queryPage(3, 0, []),
    ])
    const avatars = (await collect(client.iterateProofs({ identity: 'alice', platform: 'twitter' }))).map(
      (a) => a.avatar,
    )
    expect(avatars).toEqual([KEY_COMPRESSED, OTHER_KEY_COMPRESSED])
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE}/v1/proof?identity=alice&platform=twitter&page=1&exact=true`,
      `${BASE}/v1/proof?identity=alice&platform=twitter&page=2&exact=true`,
      `${BASE}/v1/proof?identity=alice&platform=twitter&page=3&exact=true`,
    ])
  })

  it('starts at query.page', async () => {
    const { client, requests } = proofService([queryPage(2, 0, [KEY_COMPRESSED])])
    expect(await collect(client.iterateProofs({ identity: 'alice', page: 2 }))).toHaveLength(1)
    expect(requests.map((r) => r.url)).toEqual([`${BASE}/v1/proof?identity=alice&page=2&exact=true`])
  })

  it('walks a chain over three pages', async () => {
    const { client, requests } = proofService([
      chainPage(1, 2, ['a', 'b']),
      chainPage(2, 3, ['c']),
      chainPage(3, 0, ['d']),
    ])
    const links = await collect(client.iterateProofChain(KEY_UNCOMPRESSED))
    expect(links.map((l) => l.identity)).toEqual(['a', 'b', 'c', 'd'])
    expect(links[0]).toStrictEqual({ ...CHAIN_LINK, identity: 'a' })
    expect(requests.map((r) => r.url)).toEqual(
      [1, 2, 3].map((p) => `${BASE}/v1/proofchain?avatar=${KEY_COMPRESSED}&page=${p}`),
    )
  })

  it('stops with InvalidResponseError when the server repeats a page', async () => {
    const { client, requests } = proofService([chainPage(1, 2, ['a']), chainPage(2, 2, ['b']), chainPage(2, 2, ['b'])])
    const seen: string[] = []
    const walk = (async () => {
      for await (const link of client.iterateProofChain(KEY_COMPRESSED)) seen.push(link.identity)
    })()
    expect(await rejection(walk, InvalidResponseError)).toBe(
      `unexpected response from ${BASE}/v1/proofchain?avatar=${KEY_COMPRESSED}&page=2: pagination.next is 2 on page 2; pages would repeat`,
    )
    expect(seen).toEqual(['a', 'b'])
    expect(requests).toHaveLength(2)
  })

  it('stops when the server ignores page and always answers page 1', async () => {
    const { client, requests } = proofService([queryPage(1, 2, [KEY_COMPRESSED]), queryPage(1, 2, [KEY_COMPRESSED])])
    await expect(collect(client.iterateProofs({ identity: 'alice' }))).rejects.toBeInstanceOf(InvalidResponseError)
    expect(requests).toHaveLength(2)
  })

  it('rejects bad input synchronously, before any request', () => {
    const { client, requests } = proofService([])
    expect(() => client.iterateProofs({ identity: '' })).toThrow(
      new InvalidInputError('identity', 'expected a non-empty string'),
    )
    expect(() => client.iterateProofChain('0x')).toThrow(InvalidInputError)
    expect(requests).toHaveLength(0)
  })
})
