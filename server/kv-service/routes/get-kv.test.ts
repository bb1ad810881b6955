import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestPglite, type TestDatabase } from '../../../test/support/server/db/test-databases.js'
import { createTestKvApp, testKey, writeKv } from '../../../test/support/server/kv-service/test-kv.js'
import { migrate } from '../../db/migrate.js'

const alice = testKey(1)
const nobody = testKey(7)

describe('GET /v1/kv', () => {
  let test: TestDatabase
  let app: Hono
  beforeAll(async () => {
    test = await openTestPglite()
    await migrate(test.db)
    app = createTestKvApp(test.db)
    const write = {
      key: alice,
      platform: 'nextid',
      identity: alice.avatar,
      patchText: '{"b":{"y":1.0,"x":1e21},"a":"<é>"}',
    }
    expect((await writeKv(app, write)).status).toBe(201)
  })
  afterAll(() => test?.dispose())

  const expected = () =>
    `{"persona":"${alice.uncompressed}","avatar":"${alice.uncompressed}","proofs":[` +
    `{"platform":"nextid","identity":"${alice.avatar}","content":{"a":"<é>","b":{"x":1e21,"y":1.0}},"arweave_id":null}]}`

  it('answers the avatar uncompressed under both names, content as serde prints it (keys sorted, 1.0 kept)', async () => {
    const res = await app.request(`/v1/kv?avatar=${alice.avatar}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.text()).toBe(expected())
  })

  it('accepts any key form, the legacy persona= name, and the /api prefix', async () => {
    const forms = [alice.uncompressed, alice.bare, alice.avatar.slice(2), `0X${alice.avatar.slice(2).toUpperCase()}`]
    for (const key of forms) expect(await (await app.request(`/v1/kv?avatar=${key}`)).text()).toBe(expected())
    expect(await (await app.request(`/v1/kv?persona=${alice.avatar}`)).text()).toBe(expected())
    expect(await (await app.request(`/api/v1/kv?avatar=${alice.avatar}`)).text()).toBe(expected())
    // avatar= wins over persona=.
    expect(await (await app.request(`/v1/kv?persona=${nobody.avatar}&avatar=${alice.avatar}`)).text()).toBe(expected())
  })

  it('answers 200 with no proofs for an avatar that stored nothing', async () => {
    const res = await app.request(`/v1/kv?avatar=${nobody.avatar}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ persona: nobody.uncompressed, avatar: nobody.uncompressed, proofs: [] })
  })

  it('answers 400 for a missing or unparseable key', async () => {
    const cases: [string, string][] = [
      ['/v1/kv', 'Param missing: avatar'],
      ['/v1/kv?avatar=', 'public key not recognized: "avatar" expected 33 or 65 bytes, got 0'],
      ['/v1/kv?avatar=0xzz', 'public key not recognized: "avatar" expected hex digits (0-9, a-f)'],
      [
        `/v1/kv?avatar=${alice.avatar.slice(0, -2)}`,
        'public key not recognized: "avatar" expected 33 or 65 bytes, got 32',
      ],
      [
        `/v1/kv?avatar=0x05${alice.avatar.slice(4)}`,
        'public key not recognized: "avatar" expected prefix 02/03 (33 bytes) or 04 (65 bytes), got 05',
      ],
      [`/v1/kv?avatar=0x02${'f'.repeat(64)}`, 'public key not recognized: "avatar" is not a point on secp256k1'],
    ]
    for (const [path, message] of cases) {
      const res = await app.request(path)
      expect([res.status, await res.json()]).toEqual([400, { message }])
    }
  })
})
