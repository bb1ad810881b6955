import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DRIVERS, type TestDatabase } from '../../../test/support/server/db/test-databases.js'
import {
  createTestKvApp,
  type KvPayloadAnswer,
  type KvWrite,
  postJson,
  requestPayload,
  signPayload,
  testKey,
  upload,
  writeBody,
  writeKv,
} from '../../../test/support/server/kv-service/test-kv.js'
import { createFakeProofService } from '../../../test/support/server/kv-service/test-proof-service.js'
import type { Database } from '../../db/database.js'
import { migrate } from '../../db/migrate.js'
import { MAX_KV_BYTES_PER_AVATAR } from '../kv-content.js'

const STALE =
  "Signature validation error: the avatar's KV chain changed after this payload was made; " +
  'request a new payload from POST /v1/kv/payload and sign it'
const MISMATCH = 'Signature validation error: Public key mismatch'

type Link = { id: string; previous_id: string | null; signature: string; signature_payload: string; patch_text: string }

for (const driver of TEST_DRIVERS) {
  describe.skipIf(driver.skip)(`POST /v1/kv on ${driver.name}`, () => {
    let test: TestDatabase
    let db: Database
    let app: Hono
    let keyNumber = 10
    // Each test writes as its own avatar, so tests sharing the database cannot see each other.
    const freshKey = () => testKey(++keyNumber)
    const nextidWrite = (key = freshKey(), patchText = '{"a":1}'): KvWrite => ({
      key,
      platform: 'nextid',
      identity: key.avatar,
      patchText,
    })
    const linksOf = (avatar: string) =>
      db.query<Link>(
        `SELECT id::text AS id, previous_id::text AS previous_id, signature, signature_payload, patch_text
         FROM kv_chain WHERE avatar = $1 ORDER BY kv_chain.id`,
        [avatar],
      )
    const contentOf = async (write: KvWrite) => {
      const body = (await (await app.request(`/v1/kv?avatar=${write.key.avatar}`)).json()) as {
        proofs: { platform: string; identity: string; content: unknown }[]
      }
      return body.proofs.find((entry) => entry.platform === write.platform && entry.identity === write.identity)
        ?.content
    }
    const expectRefused = async (res: Response, message: string) => {
      expect([res.status, await res.json()]).toEqual([400, { message }])
    }
    const bound = testKey(3)

    beforeAll(async () => {
      test = await driver.open()
      db = test.db
      await migrate(db)
      const proofService = createFakeProofService({ [bound.avatar]: [{ platform: 'github', identity: 'bound-user' }] })
      app = createTestKvApp(db, proofService.fetch)
    })
    afterAll(() => test?.dispose())

    it('stores a write and answers 201 with the avatar KV; GET and by_identity show it', async () => {
      const write = nextidWrite(freshKey(), '{ "b" : [1.0, {"y":2,"x":1}] ,"a":"<&>" }')
      const res = await writeKv(app, write)
      expect(res.status).toBe(201)
      const created = await res.text()
      const content = '{"a":"<&>","b":[1.0,{"x":1,"y":2}]}'
      expect(created).toBe(
        `{"persona":"${write.key.uncompressed}","avatar":"${write.key.uncompressed}","proofs":[` +
          `{"platform":"nextid","identity":"${write.key.avatar}","content":${content},"arweave_id":null}]}`,
      )
      expect(await (await app.request(`/v1/kv?avatar=${write.key.avatar}`)).text()).toBe(created)
      const byIdentity = await app.request(`/v1/kv/by_identity?platform=nextid&identity=${write.key.avatar}`)
      expect(await byIdentity.text()).toBe(`{"values":[{"avatar":"${write.key.uncompressed}","content":${content}}]}`)
    })

    it('keeps the link: exact patch text, the signed payload, the signature as sent', async () => {
      const write = nextidWrite(freshKey(), '{ "z" : 1.0 ,\n "a" : [ ] }')
      const payload = await requestPayload(app, write)
      expect((await upload(app, write, payload)).status).toBe(201)
      const [link] = await linksOf(write.key.avatar)
      expect(link).toEqual({
        id: expect.any(String),
        previous_id: null,
        signature: signPayload(payload.sign_payload, write.key),
        signature_payload: payload.sign_payload,
        patch_text: '{ "z" : 1.0 ,\n "a" : [ ] }',
      })
      const [row] = await db.query(
        'SELECT uuid, platform, identity, created_at::text AS created_at, arweave_id FROM kv_chain WHERE id = $1',
        [link?.id as string],
      )
      expect(row).toEqual({
        uuid: payload.uuid,
        platform: 'nextid',
        identity: write.key.avatar,
        created_at: String(payload.created_at),
        arweave_id: null,
      })
    })

    it('merges patches as RFC 7396: null deletes, arrays replace, a non-object replaces all (§9.3)', async () => {
      const key = freshKey()
      const steps: [string, string][] = [
        ['{"a":{"b":1,"c":[1,2],"d":{"e":1}},"f":1}', '{"a":{"b":1,"c":[1,2],"d":{"e":1}},"f":1}'],
        ['{"a":{"b":null,"c":[3],"d":{"g":2.0}},"h":"x"}', '{"a":{"c":[3],"d":{"e":1,"g":2.0}},"f":1,"h":"x"}'],
        ['{"a":null,"missing":null}', '{"f":1,"h":"x"}'],
        ['[1,{"k":null}]', '[1,{"k":null}]'],
        ['{"x":{"y":null,"z":1}}', '{"x":{"z":1}}'],
        ['"just text"', '"just text"'],
      ]
      for (const [patchText, expected] of steps) {
        const write = nextidWrite(key, patchText)
        expect((await writeKv(app, write)).status).toBe(201)
        const body = await (await app.request(`/v1/kv?avatar=${key.avatar}`)).text()
        expect(body).toContain(`"content":${expected},"arweave_id":null}`)
      }
      const links = await linksOf(key.avatar)
      expect(links.map((link) => link.previous_id)).toEqual([null, ...links.slice(0, -1).map((link) => link.id)])
    })

    it(`refuses a write that takes the avatar's KV content past ${MAX_KV_BYTES_PER_AVATAR} bytes, changing nothing`, async () => {
      const key = freshKey()
      const big = 'x'.repeat(600 * 1024)
      expect((await writeKv(app, nextidWrite(key, `{"a":"${big}"}`))).status).toBe(201)
      const before = await linksOf(key.avatar)
      await expectRefused(
        await writeKv(app, nextidWrite(key, `{"b":"${big}"}`)),
        `the avatar's KV content would pass ${MAX_KV_BYTES_PER_AVATAR} bytes`,
      )
      expect(await linksOf(key.avatar)).toEqual(before)
      expect(await contentOf(nextidWrite(key))).toEqual({ a: big })
      // Making room is always allowed.
      expect((await writeKv(app, nextidWrite(key, '{"a":null,"b":"small"}'))).status).toBe(201)
    })

    it('keeps separate content per (platform, identity) of one avatar', async () => {
      const ownWrite = nextidWrite(bound, '{"own":1}')
      const githubWrite = { key: bound, platform: 'github', identity: 'Bound-User', patchText: '{"gh":1}' }
      expect((await writeKv(app, ownWrite)).status).toBe(201)
      expect((await writeKv(app, githubWrite)).status).toBe(201)
      expect(await contentOf(ownWrite)).toEqual({ own: 1 })
      // Stored under the identity as sent; the binding matched it case-insensitively (§15 #14).
      expect(await contentOf(githubWrite)).toEqual({ gh: 1 })
      const byIdentity = await app.request('/v1/kv/by_identity?platform=github&identity=Bound-User')
      expect(await byIdentity.json()).toEqual({ values: [{ avatar: bound.uncompressed, content: { gh: 1 } }] })
    })

    it('accepts v = 27/28 and v = 0/1 signatures alike and chains them as sent (§3.4)', async () => {
      const key = freshKey()
      for (const v of ['ethereum', 'raw', 'ethereum'] as const) {
        const write = nextidWrite(key, `{"v":"${v}"}`)
        expect((await upload(app, write, await requestPayload(app, write), { v })).status).toBe(201)
      }
      const links = await linksOf(key.avatar)
      expect(links).toHaveLength(3)
      for (const [index, link] of links.slice(1).entries()) {
        expect(link.signature_payload.endsWith(`,"previous":"${links[index]?.signature}"}`)).toBe(true)
      }
    })

    it('refuses a reused uuid with 400 and changes nothing (§15 #7)', async () => {
      const write = nextidWrite()
      const payload = await requestPayload(app, write)
      expect((await upload(app, write, payload)).status).toBe(201)
      await expectRefused(
        await upload(app, write, payload),
        `uuid ${payload.uuid} was already used: request a new payload from POST /v1/kv/payload`,
      )
      // Also when another avatar tries it.
      const other = nextidWrite()
      const fresh = await requestPayload(app, other)
      const reused: KvPayloadAnswer = { ...fresh, uuid: payload.uuid.toUpperCase() }
      const rebuilt = fresh.sign_payload.replace(fresh.uuid, payload.uuid)
      await expectRefused(
        await upload(app, other, { ...reused, sign_payload: rebuilt }),
        `uuid ${payload.uuid} was already used: request a new payload from POST /v1/kv/payload`,
      )
      expect(await linksOf(write.key.avatar)).toHaveLength(1)
      expect(await linksOf(other.key.avatar)).toHaveLength(0)
    })

    it('tells the client to fetch a new payload when the chain moved on since its payload', async () => {
      const key = freshKey()
      const first = nextidWrite(key, '{"first":1}')
      const stalePayload = await requestPayload(app, first)
      expect((await writeKv(app, nextidWrite(key, '{"other":1}'))).status).toBe(201)
      await expectRefused(await upload(app, first, stalePayload), STALE)
      expect(await contentOf(first)).toEqual({ other: 1 })
      // After a fresh payload it goes through.
      expect((await writeKv(app, first)).status).toBe(201)
      expect(await contentOf(first)).toEqual({ first: 1, other: 1 })
    })

    it('tells a stale payload only when it is recent: an old created_at gets the plain mismatch', async () => {
      const key = freshKey()
      const first = nextidWrite(key, '{"first":1}')
      const fresh = await requestPayload(app, first)
      // The client chooses created_at; an old one would make every link of the chain a candidate.
      const old = fresh.created_at - 600
      const oldPayload = {
        ...fresh,
        created_at: old,
        sign_payload: fresh.sign_payload.replace(`"created_at":${fresh.created_at},`, `"created_at":${old},`),
      }
      expect(oldPayload.sign_payload).not.toBe(fresh.sign_payload)
      expect((await writeKv(app, nextidWrite(key, '{"other":1}'))).status).toBe(201)
      await expectRefused(await upload(app, first, oldPayload), MISMATCH)
      await expectRefused(await upload(app, first, fresh), STALE)
      expect(await linksOf(key.avatar)).toHaveLength(1)
    })

    it('caps the bytes hashed telling a stale payload: a huge patch after many links gets the plain mismatch', async () => {
      const key = freshKey()
      // ~0.9 MB, inside the 1 MB body limit: five candidates would hash more than 4 MB.
      const huge = nextidWrite(key, `{"big":"${'x'.repeat(900_000)}"}`)
      const small = nextidWrite(key, '{"small":1}')
      const hugeStale = await requestPayload(app, huge)
      const smallStale = await requestPayload(app, small)
      for (let index = 0; index < 5; index++) {
        expect((await writeKv(app, nextidWrite(key, `{"n":${index}}`))).status).toBe(201)
      }
      await expectRefused(await upload(app, huge, hugeStale), MISMATCH)
      // The same chain, a small patch: the check is affordable and finds the head it was signed on.
      await expectRefused(await upload(app, small, smallStale), STALE)
      expect(await linksOf(key.avatar)).toHaveLength(5)
    })

    it('refuses a signature by another key, or over other fields, as a public key mismatch', async () => {
      const write = nextidWrite()
      const payload = await requestPayload(app, write)
      await expectRefused(await upload(app, write, payload, { signer: freshKey() }), MISMATCH)
      await expectRefused(await upload(app, { ...write, patchText: '{"a":2}' }, payload), MISMATCH)
      await expectRefused(await upload(app, write, { ...payload, created_at: payload.created_at + 1 }), MISMATCH)
      // A patch written differently but equal as serde_json sees it signs the same payload.
      expect((await upload(app, { ...write, patchText: ' { "a" : 1 } ' }, payload)).status).toBe(201)
      expect(await linksOf(write.key.avatar)).toHaveLength(1)
    })

    it('answers 400 for malformed upload fields, with the reference messages (§9.1)', async () => {
      const write = nextidWrite()
      const payload = await requestPayload(app, write)
      const signature = JSON.stringify(signPayload(payload.sign_payload, write.key))
      const fields = { uuid: JSON.stringify(payload.uuid), created_at: String(payload.created_at), signature }
      const sixtyFour = Buffer.alloc(64, 1).toString('base64')
      const badV = Buffer.from([...Buffer.alloc(64, 1), 5]).toString('base64')
      const cases: [Record<string, string>, string][] = [
        [
          { created_at: `"${payload.created_at}"` },
          `JSON parse error: "created_at" expected the integer number POST /v1/kv/payload returned, got string`,
        ],
        [
          { created_at: `${payload.created_at}.0` },
          `JSON parse error: "created_at" expected the integer number POST /v1/kv/payload returned, got ${payload.created_at}.0`,
        ],
        [
          { created_at: '-1' },
          'JSON parse error: "created_at" expected the integer number POST /v1/kv/payload returned, got -1',
        ],
        [
          { created_at: '9007199254740992' },
          'JSON parse error: "created_at" expected the integer number POST /v1/kv/payload returned, got 9007199254740992',
        ],
        [
          { created_at: 'null' },
          'JSON parse error: "created_at" expected the integer number POST /v1/kv/payload returned, got null',
        ],
        [{ uuid: '"not-a-uuid"' }, 'UUID parse error: "uuid" expected a UUID like 8-4-4-4-12 hex digits'],
        [{ uuid: '12' }, 'JSON parse error: "uuid" expected string, got number'],
        [{ signature: '"@@@="' }, 'base64 error: "signature" expected standard padded base64'],
        [{ signature: `"${sixtyFour}"` }, 'Crypto error: "signature" expected 65 bytes, got 64'],
        [{ signature: `"${badV}"` }, 'Crypto error: "signature" expected recovery byte v of 0, 1, 27 or 28, got 5'],
      ]
      for (const [override, message] of cases) {
        await expectRefused(await postJson(app, '/v1/kv', writeBody(write, { ...fields, ...override })), message)
      }
      for (const missing of ['uuid', 'created_at', 'signature']) {
        const partial = Object.fromEntries(Object.entries(fields).filter(([name]) => name !== missing))
        await expectRefused(
          await postJson(app, '/v1/kv', writeBody(write, partial)),
          `JSON parse error: missing field "${missing}"`,
        )
      }
      expect(await linksOf(write.key.avatar)).toHaveLength(0)
      expect((await postJson(app, '/api/v1/kv', writeBody(write, fields))).status).toBe(201)
    })

    it('checks the permission at upload too: nextid identity, bindings, an unreachable ProofService (§9.4)', async () => {
      const key = freshKey()
      const someoneElse = { ...nextidWrite(key), identity: freshKey().avatar }
      const payload = await requestPayload(app, nextidWrite(key))
      const body = (write: KvWrite) =>
        writeBody(write, {
          uuid: JSON.stringify(payload.uuid),
          created_at: String(payload.created_at),
          signature: JSON.stringify(signPayload(payload.sign_payload, key)),
        })
      await expectRefused(
        await postJson(app, '/v1/kv', body(someoneElse)),
        "Identity and persona not match when 'platform' is 'nextid' .",
      )
      const unbound = { key: bound, platform: 'github', identity: 'someone-else', patchText: '{}' }
      await expectRefused(await postJson(app, '/v1/kv', body(unbound)), 'Proof not found under this persona.')
      const down = createTestKvApp(db)
      const res = await postJson(
        down,
        '/v1/kv',
        body({ key: bound, platform: 'github', identity: 'bound-user', patchText: '{}' }),
      )
      expect([res.status, await res.json()]).toEqual([503, { message: 'ProofService error: unreachable' }])
      expect(await linksOf(key.avatar)).toHaveLength(0)
    })

    it('keeps one linear chain under 20 concurrent writers of one avatar, through two apps', async () => {
      const key = freshKey()
      // On PostgreSQL a second pool plays a second server process; PGlite has one connection only.
      const second = driver.name === 'postgres' ? await test.openAnother() : db
      const apps = [app, createTestKvApp(second)]
      const refusals: string[] = []
      const writer = async (n: number) => {
        const write = nextidWrite(key, `{"w${String(n).padStart(2, '0')}":${n}}`)
        const target = apps[n % 2] as Hono
        for (let attempt = 0; attempt < 100; attempt++) {
          const res = await upload(target, write, await requestPayload(target, write))
          if (res.status === 201) return
          expect(res.status).toBe(400)
          refusals.push(((await res.json()) as { message: string }).message)
        }
        throw new Error(`writer ${n} never got through`)
      }
      await Promise.all(Array.from({ length: 20 }, (_, n) => writer(n)))
      const links = await linksOf(key.avatar)
      expect(links).toHaveLength(20)
      expect(links.map((link) => link.previous_id)).toEqual([null, ...links.slice(0, -1).map((link) => link.id)])
      for (const [index, link] of links.entries()) {
        const previous = index === 0 ? 'null' : `"${links[index - 1]?.signature}"`
        expect(link.signature_payload.endsWith(`,"previous":${previous}}`)).toBe(true)
      }
      expect(new Set(refusals)).toEqual(refusals.length === 0 ? new Set() : new Set([STALE]))
      const content = (await contentOf(nextidWrite(key))) as Record<string, number>
      expect(Object.keys(content)).toHaveLength(20)
    })
  })
}
