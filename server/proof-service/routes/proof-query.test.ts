import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { avatarId, getPublicKey } from '../../../src/crypto/index.js'
import { insertBinding } from '../../../test/support/server/proof-service/test-bindings.js'
import { AVATAR, OTHER_AVATAR } from '../../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../../test/support/server/proof-service/test-proof-service.js'
import { TEST_AVATAR_UNCOMPRESSED } from '../../../test/support/src/protocol/test-keys.js'

const THIRD_AVATAR = avatarId(getPublicKey(new Uint8Array(32).fill(0x33)))
const wallet = (n: number) => `0x${n.toString(16).padStart(40, '0')}`

describe('GET /v1/proof', () => {
  let service: TestProofService
  const query = (search: string) => service.call('GET', `/v1/proof?${search}`)
  const identitiesOf = (json: { ids: { proofs: { identity: string }[] }[] }) =>
    json.ids.map((entry) => entry.proofs.map((proof) => proof.identity))

  beforeAll(async () => {
    service = await openTestProofService()
    for (let n = 1; n <= 45; n++)
      await insertBinding(service.db, { avatar: AVATAR, platform: 'ethereum', identity: wallet(n) })
    await insertBinding(service.db, {
      avatar: OTHER_AVATAR,
      platform: 'twitter',
      identity: 'alice',
      altId: '1415362679095635970',
      createdAt: '1700000100',
    })
    await insertBinding(service.db, {
      avatar: OTHER_AVATAR,
      platform: 'discord',
      identity: 'Alice#1234',
      createdAt: '1700000200',
    })
    await insertBinding(service.db, {
      avatar: OTHER_AVATAR,
      platform: 'twitter',
      identity: 'a_b',
      createdAt: '1700000300',
    })
    await insertBinding(service.db, {
      avatar: THIRD_AVATAR,
      platform: 'twitter',
      identity: 'axb',
      createdAt: '1600000000',
    })
    await insertBinding(service.db, {
      avatar: THIRD_AVATAR,
      platform: 'solana',
      identity: 'So1AnaMixedCase',
      createdAt: '1600000001',
    })
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  it('answers in the reference shape: persona and avatar, alias, activated_at of the latest link, every proof (§4.6)', async () => {
    const { status, json } = await query('identity=1415362679095635970&platform=twitter&exact=true')
    expect(status).toBe(200)
    expect(json.pagination).toEqual({ total: 1, per: 40, current: 1, next: 0 })
    expect(json.ids).toHaveLength(1)
    const [entry] = json.ids
    expect(Object.keys(entry)).toEqual(['persona', 'avatar', 'alias', 'last_arweave_id', 'activated_at', 'proofs'])
    expect(entry).toMatchObject({
      persona: OTHER_AVATAR,
      avatar: OTHER_AVATAR,
      alias: [],
      last_arweave_id: '',
      activated_at: '1700000300',
    })
    expect(entry.proofs.map((proof: object) => Object.keys(proof))).toEqual(
      Array(3).fill(['platform', 'identity', 'alt_id', 'created_at', 'last_checked_at', 'is_valid', 'invalid_reason']),
    )
    expect(entry.proofs[0]).toEqual({
      platform: 'twitter',
      identity: 'alice',
      alt_id: '1415362679095635970',
      created_at: expect.stringMatching(/^\d{10}$/),
      last_checked_at: expect.stringMatching(/^\d{10}$/),
      is_valid: true,
      invalid_reason: '',
    })
    expect(identitiesOf(json)).toEqual([['alice', 'Alice#1234', 'a_b']])
  })

  it('pages 40 proof rows at a time with next 0 on the last page (§4.6, §15 #17)', async () => {
    const first = await query(`platform=nextid&identity=${AVATAR}`)
    expect(first.json.pagination).toEqual({ total: 45, per: 40, current: 1, next: 2 })
    expect(first.json.ids).toHaveLength(1)
    expect(first.json.ids[0].proofs).toHaveLength(45)
    const second = await query(`platform=nextid&identity=${AVATAR}&page=2`)
    expect(second.json.pagination).toEqual({ total: 45, per: 40, current: 2, next: 0 })
    expect(second.json.ids.map((entry: { avatar: string }) => entry.avatar)).toEqual([AVATAR])
    const beyond = await query(`platform=nextid&identity=${AVATAR}&page=3`)
    expect(beyond.json).toEqual({ pagination: { total: 45, per: 40, current: 3, next: 0 }, ids: [] })
    for (const page of ['0', '-4']) {
      expect((await query(`platform=nextid&identity=${AVATAR}&page=${page}`)).json.pagination.current).toBe(1)
    }
  })

  it('finds an avatar by any key form with platform=nextid (§15 #3)', async () => {
    const { json } = await query(
      `platform=nextid&identity=${TEST_AVATAR_UNCOMPRESSED},${THIRD_AVATAR.toUpperCase().replace('0X', '0x')}`,
    )
    expect(json.ids.map((entry: { avatar: string }) => entry.avatar).sort()).toEqual([AVATAR, THIRD_AVATAR].sort())
  })

  it('reads a comma-separated list from the first identity parameter only', async () => {
    const { json } = await query(`identity=alice,axb&identity=${wallet(1)}&exact=true`)
    expect(json.ids.map((entry: { avatar: string }) => entry.avatar).sort()).toEqual(
      [OTHER_AVATAR, THIRD_AVATAR].sort(),
    )
    expect(json.pagination.total).toBe(2)
  })

  it('lowercases only where identities are stored lowercased (§7.4, §15 #13)', async () => {
    const found = async (search: string) => (await query(search)).json.pagination.total
    expect(await found('identity=ALICE&platform=twitter&exact=true')).toBe(1)
    expect(await found('identity=Alice%231234&platform=discord&exact=true')).toBe(1)
    expect(await found('identity=alice%231234&platform=discord&exact=true')).toBe(0)
    expect(await found('identity=So1AnaMixedCase&platform=solana&exact=true')).toBe(1)
    expect(await found('identity=so1anamixedcase&platform=solana&exact=true')).toBe(0)
    // Without a platform each stored identity is compared in its platform's way.
    expect(await found('identity=Alice%231234&exact=true')).toBe(1)
    expect(await found('identity=ALICE&exact=true')).toBe(1)
    expect(await found('identity=So1AnaMixedCase&exact=true')).toBe(1)
    expect(await found(`identity=${wallet(7).toUpperCase().replace('0X', '0x')}&platform=ethereum&exact=true`)).toBe(1)
  })

  it('searches substrings without exact, treating % and _ as plain characters', async () => {
    const identities = async (search: string) => identitiesOf((await query(search)).json).flat()
    expect(await identities('identity=lic&platform=twitter')).toContain('alice')
    const underscore = await query('identity=a_b&platform=twitter&exact=false')
    expect(underscore.json.pagination.total).toBe(1)
    expect(underscore.json.ids.map((entry: { avatar: string }) => entry.avatar)).toEqual([OTHER_AVATAR])
    expect((await query('identity=%25&platform=twitter')).json.pagination.total).toBe(0)
    expect((await query('identity=362679&platform=twitter')).json.pagination.total).toBe(1)
  })

  it('sorts by activated_at without duplicating rows, and by whitelisted columns only (§4.6, §15 #18)', async () => {
    const avatars = async (search: string) =>
      (await query(search)).json.ids.map((entry: { avatar: string }) => entry.avatar)
    const base = 'identity=a&platform=twitter&exact=false'
    expect((await query(`${base}&sort=activated_at`)).json.pagination.total).toBe(3)
    expect(await avatars(`${base}&sort=activated_at&order=asc`)).toEqual([THIRD_AVATAR, OTHER_AVATAR])
    expect(await avatars(`${base}&sort=activated_at&order=desc`)).toEqual([OTHER_AVATAR, THIRD_AVATAR])
    const sorted = await query(`${base}&sort=activated_at&order=asc`)
    expect(sorted.json.ids[1].proofs).toHaveLength(3)
    expect(await avatars(`${base}&sort=identity&order=asc`)).toEqual([OTHER_AVATAR, THIRD_AVATAR])
    expect(await avatars(`${base}&sort=identity&order=desc`)).toEqual([THIRD_AVATAR, OTHER_AVATAR])
    // Unknown columns (even SQL) fall back to id desc: the newest row is THIRD_AVATAR's.
    expect(await avatars(`${base}&sort=${encodeURIComponent('id; DROP TABLE proof')}&order=asc`)).toEqual([
      THIRD_AVATAR,
      OTHER_AVATAR,
    ])
  })

  it('answers ids [] when nothing matches, even for SQL-looking identities', async () => {
    expect((await query(`identity=${encodeURIComponent("x' OR '1'='1")}`)).json).toEqual({
      pagination: { total: 0, per: 40, current: 1, next: 0 },
      ids: [],
    })
    expect((await query('identity=alice&platform=tiktok')).json.ids).toEqual([])
  })

  it.each([
    ['', 'Param missing'],
    ['identity=', 'Param missing'],
    ['identity=,,', 'Param missing'],
    ['identity=alice&page=two', 'Param error'],
    ['identity=alice&exact=yes', 'Param error'],
    ['identity=0x1234&platform=nextid', 'public key not recognized'],
    ['identity=a%00b', 'Param error'],
    [
      `identity=${Array.from({ length: 201 }, (_, n) => `u${n}`).join(',')}&exact=true`,
      'Param error: at most 200 identities per query',
    ],
    [
      `identity=${Array.from({ length: 21 }, (_, n) => `u${n}`).join(',')}`,
      'Param error: at most 20 fuzzy identities per query',
    ],
  ])('400 for %j', async (search, message) => {
    expect(await query(search)).toEqual({ status: 400, json: { message } })
  })

  it('takes as many identities as the caps allow', async () => {
    const list = (length: number) => Array.from({ length }, (_, n) => `u${n}`).join(',')
    expect((await query(`identity=${list(200)}&exact=true`)).status).toBe(200)
    expect((await query(`identity=${list(20)}`)).status).toBe(200)
  })
})
