import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertBinding } from '../../../test/support/server/proof-service/test-bindings.js'
import { AVATAR, OTHER_AVATAR } from '../../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../../test/support/server/proof-service/test-proof-service.js'

describe('GET /v1/proofchain/changes', () => {
  let service: TestProofService
  const changes = (search: string) => service.call('GET', `/v1/proofchain/changes?${search}`)

  beforeAll(async () => {
    service = await openTestProofService()
    for (let n = 1; n <= 120; n++) {
      await insertBinding(service.db, { avatar: n % 2 ? AVATAR : OTHER_AVATAR, platform: 'twitter', identity: `u${n}` })
    }
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  it('lists links after last_id, oldest first, with id and avatar first (§4.9)', async () => {
    const { status, json } = await changes('last_id=5&count=3')
    expect(status).toBe(200)
    expect(
      json.links.map((link: { id: number; avatar: string; identity: string }) => [link.id, link.avatar, link.identity]),
    ).toEqual([
      [6, OTHER_AVATAR, 'u6'],
      [7, AVATAR, 'u7'],
      [8, OTHER_AVATAR, 'u8'],
    ])
    expect(Object.keys(json.links[0]).slice(0, 3)).toEqual(['id', 'avatar', 'action'])
  })

  it.each([
    ['', 10, 1],
    ['count=0', 10, 1],
    ['count=-3', 10, 1],
    ['count=1000', 100, 1],
    ['last_id=110&count=50', 10, 111],
    ['last_id=120', 0, undefined],
  ])('clamps count: %j gives %i links', async (search, length, firstId) => {
    const { json } = await changes(search)
    expect(json.links).toHaveLength(length)
    expect(json.links[0]?.id).toBe(firstId)
  })

  it.each(['last_id=x', 'count=ten'])('400 "Param error" for %j', async (search) => {
    expect(await changes(search)).toEqual({ status: 400, json: { message: 'Param error' } })
  })
})
