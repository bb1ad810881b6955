import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestPglite, type TestDatabase } from '../../../test/support/server/db/test-databases.js'
import { createTestKvApp, testKey, writeKv } from '../../../test/support/server/kv-service/test-kv.js'
import { createFakeProofService } from '../../../test/support/server/kv-service/test-proof-service.js'
import { migrate } from '../../db/migrate.js'

const alice = testKey(1)
const bob = testKey(2)

describe('GET /v1/kv/by_identity', () => {
  let test: TestDatabase
  let app: Hono
  beforeAll(async () => {
    test = await openTestPglite()
    await migrate(test.db)
    const binding = [{ platform: 'twitter', identity: 'shared' }]
    app = createTestKvApp(test.db, createFakeProofService({ [alice.avatar]: binding, [bob.avatar]: binding }).fetch)
    for (const [key, patchText] of [
      [alice, '{"from":"alice"}'],
      [bob, '{"from":"bob","n":2.50}'],
    ] as const) {
      expect((await writeKv(app, { key, platform: 'twitter', identity: 'shared', patchText })).status).toBe(201)
    }
    // Stored as sent, so only an exact query finds it (§9.1).
    expect(
      (await writeKv(app, { key: alice, platform: 'twitter', identity: 'Shared', patchText: '{"case":1}' })).status,
    ).toBe(201)
  })
  afterAll(() => test?.dispose())

  const query = async (search: string) => {
    const res = await app.request(`/v1/kv/by_identity?${search}`)
    return [res.status, await res.text()] as const
  }

  it('lists every avatar holding content for the identity, keys uncompressed', async () => {
    const [status, text] = await query('platform=twitter&identity=shared')
    expect(status).toBe(200)
    // Ordered by the stored (compressed) key: bob's 0x02… before alice's 0x03….
    const values = [
      `{"avatar":"${bob.uncompressed}","content":{"from":"bob","n":2.5}}`,
      `{"avatar":"${alice.uncompressed}","content":{"from":"alice"}}`,
    ]
    expect(text).toBe(`{"values":[${values.join(',')}]}`)
    expect(await query('platform=twitter&identity=Shared')).toEqual([
      200,
      `{"values":[{"avatar":"${alice.uncompressed}","content":{"case":1}}]}`,
    ])
  })

  it('matches exactly: another case, platform or identity finds nothing', async () => {
    for (const search of [
      'platform=twitter&identity=SHARED',
      'platform=github&identity=shared',
      'platform=twitter&identity=shar',
    ]) {
      expect(await query(search)).toEqual([200, '{"values":[]}'])
    }
    expect(await query('platform=no-such-platform&identity=shared')).toEqual([200, '{"values":[]}'])
  })

  it('serves the /api prefix too', async () => {
    const res = await app.request('/api/v1/kv/by_identity?platform=twitter&identity=Shared')
    expect(res.status).toBe(200)
  })

  it('answers 400 for missing or unstorable parameters', async () => {
    const cases: [string, string][] = [
      ['identity=shared', 'Param missing: platform'],
      ['platform=twitter', 'Param missing: identity'],
      ['', 'Param missing: platform'],
      ['platform=twitter&identity=', '"identity" expected a non-empty string'],
      ['platform=twitter&identity=a%00b', '"identity" must not contain U+0000'],
      ['platform=%00&identity=a', '"platform" must not contain U+0000'],
      [`platform=twitter&identity=${'é'.repeat(513)}`, '"identity" must be at most 1024 bytes, got 1026'],
    ]
    for (const [search, message] of cases) expect(await query(search)).toEqual([400, JSON.stringify({ message })])
  })
})
