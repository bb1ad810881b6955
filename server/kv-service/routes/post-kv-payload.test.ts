import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestPglite, type TestDatabase } from '../../../test/support/server/db/test-databases.js'
import {
  createTestKvApp,
  type KvPayloadAnswer,
  postJson,
  requestPayload,
  testKey,
  upload,
  writeBody,
} from '../../../test/support/server/kv-service/test-kv.js'
import { createFakeProofService } from '../../../test/support/server/kv-service/test-proof-service.js'
import { migrate } from '../../db/migrate.js'

// §3.7's publicly known test key, written out so the pins do not depend on src/ formatting it.
const ALICE_BARE =
  '04198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5db383d50b732d0951f52f1b0c36f62a1d32073371dc803ab79b240bf46fd7f67'
const ALICE_ID = '0x03198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5'
const alice = testKey(1)
const bob = testKey(2)
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('POST /v1/kv/payload', () => {
  let test: TestDatabase
  let app: Hono
  beforeAll(async () => {
    test = await openTestPglite()
    await migrate(test.db)
    const proofService = createFakeProofService({ [ALICE_ID]: [{ platform: 'twitter', identity: 'ålice_日本' }] })
    app = createTestKvApp(test.db, proofService.fetch)
  })
  afterAll(() => test?.dispose())

  const payloadOf = async (body: string): Promise<KvPayloadAnswer> => {
    const res = await postJson(app, '/v1/kv/payload', body)
    expect(res.status).toBe(200)
    const answer = (await res.json()) as KvPayloadAnswer
    expect(Object.keys(answer)).toEqual(['uuid', 'sign_payload', 'created_at'])
    expect(answer.uuid).toMatch(UUID_V4)
    expect(Number.isInteger(answer.created_at)).toBe(true)
    expect(Math.abs(answer.created_at - Date.now() / 1000)).toBeLessThan(5)
    return answer
  }
  const pin = (answer: KvPayloadAnswer, middle: string, previous = 'null') =>
    `{"version":"1","uuid":"${answer.uuid}","avatar":"${ALICE_BARE}",${middle},` +
    `"created_at":${answer.created_at},"previous":${previous}}`

  it('sorts nested patch keys byte-wise and keeps float literals serde-style (§9.2)', async () => {
    const patch = '{"b":{"z":1,"_":3,"B":2,"a":[{"y":1.0,"x":1e21,"w":-0.0,"v":12345678901234567890}]},"a":[]}'
    const answer = await payloadOf(
      `{"avatar":"${ALICE_ID}","platform":"nextid","identity":"${ALICE_ID}","patch":${patch}}`,
    )
    expect(answer.sign_payload).toBe(
      pin(
        answer,
        `"platform":"nextid","identity":"${ALICE_ID}",` +
          '"patch":{"a":[],"b":{"B":2,"_":3,"a":[{"v":12345678901234567890,"w":-0.0,"x":1e21,"y":1.0}],"z":1}}',
      ),
    )
  })

  it('escapes no HTML characters and keeps non-ASCII text raw, identity as sent (§3.6, §9.2)', async () => {
    const patch = '{"html":"<a href=\\"x\\">&amp;</a>","line":"\\u2028","ctl":"\\u0001\\n","é":"日本"}'
    const answer = await payloadOf(
      `{"avatar":"${ALICE_ID}","platform":"twitter","identity":"Ålice_日本","patch":${patch}}`,
    )
    expect(answer.sign_payload).toBe(
      pin(
        answer,
        '"platform":"twitter","identity":"Ålice_日本",' +
          '"patch":{"ctl":"\\u0001\\n","html":"<a href=\\"x\\">&amp;</a>","line":"\u2028","é":"日本"}',
      ),
    )
  })

  it('accepts any patch value and the legacy persona name; avatar wins when both are sent (§9.1, §15 #16)', async () => {
    const byPersona = await payloadOf(
      `{"persona":"${alice.uncompressed}","platform":"nextid","identity":"${ALICE_ID}","patch":[1.50,null]}`,
    )
    expect(byPersona.sign_payload).toBe(
      pin(byPersona, `"platform":"nextid","identity":"${ALICE_ID}","patch":[1.5,null]`),
    )
    const both = await payloadOf(
      `{"persona":"${bob.avatar}","avatar":"${alice.bare}","platform":"nextid","identity":"${ALICE_ID}","patch":null}`,
    )
    expect(both.sign_payload).toBe(pin(both, `"platform":"nextid","identity":"${ALICE_ID}","patch":null`))
    const aliased = await postJson(
      app,
      '/api/v1/kv/payload',
      `{"avatar":"${ALICE_ID}","platform":"nextid","identity":"${ALICE_ID}","patch":{}}`,
    )
    expect(aliased.status).toBe(200)
  })

  it("carries the signature of the avatar's latest link as previous (§15 #6)", async () => {
    const write = { key: alice, platform: 'nextid', identity: ALICE_ID, patchText: '{"n":1}' }
    const signatures: string[] = []
    for (const v of ['ethereum', 'raw'] as const) {
      const answer = await requestPayload(app, write)
      const res = await upload(app, write, answer, { v })
      expect(res.status).toBe(201)
      const stored = await test.db.query<{ signature: string }>('SELECT signature FROM kv_chain WHERE uuid = $1', [
        answer.uuid,
      ])
      signatures.push(stored[0]?.signature as string)
    }
    const next = await payloadOf(writeBody(write, {}))
    expect(next.sign_payload).toBe(
      pin(next, `"platform":"nextid","identity":"${ALICE_ID}","patch":{"n":1}`, `"${signatures[1]}"`),
    )
    // The raw-v link's signature ends in v = 0 or 1, kept as sent (§15 #1).
    expect([0, 1]).toContain(Buffer.from(signatures[1] as string, 'base64').at(-1))
    expect([27, 28]).toContain(Buffer.from(signatures[0] as string, 'base64').at(-1))
  })

  it('checks the permission before answering (§9.4)', async () => {
    const cases: [string, string][] = [
      [
        `{"avatar":"${ALICE_ID}","platform":"nextid","identity":"${bob.avatar}","patch":{}}`,
        "Identity and persona not match when 'platform' is 'nextid' .",
      ],
      [
        `{"avatar":"${ALICE_ID}","platform":"github","identity":"alice","patch":{}}`,
        'Proof not found under this persona.',
      ],
      [
        `{"avatar":"${bob.avatar}","platform":"github","identity":"alice","patch":{}}`,
        `Persona not found on ProofService: ${bob.avatar}`,
      ],
    ]
    for (const [body, message] of cases) {
      const res = await postJson(app, '/v1/kv/payload', body)
      expect([res.status, await res.json()]).toEqual([400, { message }])
    }
  })

  it('answers 400 with the reference-style message for every malformed body', async () => {
    const head = `"avatar":"${ALICE_ID}","platform":"nextid","identity":"${ALICE_ID}"`
    const cases: [string, string][] = [
      ['', 'JSON parse error: Unexpected end of JSON input'],
      ['[1]', 'JSON parse error: expected a JSON object'],
      ['1', 'JSON parse error: expected a JSON object'],
      [`{${head}}`, 'JSON parse error: missing field "patch"'],
      [`{"platform":"nextid","identity":"x","patch":{}}`, 'Param missing: avatar'],
      [`{"avatar":null,"platform":"nextid","identity":"x","patch":{}}`, 'Param missing: avatar'],
      [
        `{"avatar":7,"platform":"nextid","identity":"x","patch":{}}`,
        'JSON parse error: "avatar" expected string, got number',
      ],
      [
        `{"avatar":"0x1234","platform":"nextid","identity":"x","patch":{}}`,
        'public key not recognized: "avatar" expected 33 or 65 bytes, got 2',
      ],
      [`{"avatar":"${ALICE_ID}","identity":"x","patch":{}}`, 'JSON parse error: missing field "platform"'],
      [
        `{"avatar":"${ALICE_ID}","platform":"myspace","identity":"x","patch":{}}`,
        '"platform" expected one of twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid, got "myspace"',
      ],
      [
        `{"avatar":"${ALICE_ID}","platform":"nextid","identity":["x"],"patch":{}}`,
        'JSON parse error: "identity" expected string, got array',
      ],
      [
        `{"avatar":"${ALICE_ID}","platform":"nextid","identity":"","patch":{}}`,
        '"identity" expected a non-empty string',
      ],
      [
        `{"avatar":"${ALICE_ID}","platform":"nextid","identity":"a\\u0000","patch":{}}`,
        '"identity" must not contain U+0000',
      ],
      [
        `{"avatar":"${ALICE_ID}","platform":"github","identity":"${'a'.repeat(1025)}","patch":{}}`,
        '"identity" must be at most 1024 bytes, got 1025',
      ],
      [
        `{"avatar":"${ALICE_ID}","platform":"nextid","identity":"\\ud800","patch":{}}`,
        '"identity" contains a lone UTF-16 surrogate, which has no UTF-8 form',
      ],
      [`{${head},"patch":{"a":"\\u0000"}}`, '"patch" must not contain U+0000'],
      [`{${head},"patch":{"a\\u0000":1}}`, '"patch" must not contain U+0000'],
      [`{${head},"patch":{"a":"\\udc00"}}`, '"patch.a" contains a lone UTF-16 surrogate, which has no UTF-8 form'],
      [`{${head},"patch":{"__proto__":{"x":1}}}`, '"patch" must not contain the key "__proto__"'],
      [`{${head},"patch":1e400}`, '"patch" is out of the f64 range (serde_json refuses it)'],
      [`{${head},"patch":{"a":1,"a":2}}`, 'JSON parse error: "body" has the key "a" twice'],
      [`{${head},"patch":${'['.repeat(127)}${']'.repeat(127)}}`, 'JSON parse error: recursion limit exceeded'],
    ]
    for (const [body, message] of cases) {
      const res = await postJson(app, '/v1/kv/payload', body)
      expect([body.slice(0, 60), res.status, await res.json()]).toEqual([body.slice(0, 60), 400, { message }])
    }
    // 126 levels of patch inside the body object (127 in all) are still fine.
    const deep = await postJson(app, '/v1/kv/payload', `{${head},"patch":${'['.repeat(126)}${']'.repeat(126)}}`)
    expect(deep.status).toBe(200)
  })
})
