import { describe, expect, it } from 'vitest'
import { createPreparedRequests, REQUEST_LIFETIME_MS, REQUESTS_KEY, type RevokeRequest } from './prepared-requests.js'
import { createMemoryStore } from './storage-ports.js'

const REVOKE: RevokeRequest = {
  kind: 'revoke',
  avatar: `0x02${'ab'.repeat(32)}`,
  platform: 'github',
  identity: 'alice',
  uuid: '00000000-0000-4000-8000-000000000000',
  createdAt: '1700000000',
  signPayload: '{"action":"delete"}',
}

function setup() {
  const clock = { time: 1_700_000_000_000 }
  const store = createMemoryStore()
  return { clock, store, requests: createPreparedRequests(store, () => clock.time) }
}

describe('prepared requests', () => {
  it('keeps a request under a fresh random id, in the store, until it is removed', async () => {
    const { requests, store } = setup()
    const one = await requests.add(REVOKE)
    const two = await requests.add({ ...REVOKE, identity: 'bob' })
    expect(one).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(two).not.toBe(one)
    expect(await requests.get(one, 'revoke')).toEqual(REVOKE)
    expect(Object.keys(store.data.get(REQUESTS_KEY) as object).sort()).toEqual([one, two].sort())
    await requests.remove(one)
    await expect(requests.get(one, 'revoke')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'request (or it expired) not found',
    })
    expect((await requests.get(two, 'revoke')).identity).toBe('bob')
  })

  it('survives a restart: a new registry over the same store finds it', async () => {
    const { requests, store, clock } = setup()
    const id = await requests.add(REVOKE)
    const restarted = createPreparedRequests(store, () => clock.time)
    expect(await restarted.get(id, 'revoke')).toEqual(REVOKE)
  })

  it('expires a request 10 minutes after it was prepared', async () => {
    const { requests, clock } = setup()
    const id = await requests.add(REVOKE)
    clock.time += REQUEST_LIFETIME_MS - 1
    expect(await requests.get(id, 'revoke')).toEqual(REVOKE)
    clock.time += 1
    await expect(requests.get(id, 'revoke')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(requests.remove(id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('clear forgets every request and leaves nothing in the store', async () => {
    const { requests, store } = setup()
    const id = await requests.add(REVOKE)
    await requests.clear()
    expect(store.data.has(REQUESTS_KEY)).toBe(false)
    await expect(requests.get(id, 'revoke')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('confirms only by id and kind, and refuses malformed ids', async () => {
    const { requests } = setup()
    const id = await requests.add(REVOKE)
    await expect(requests.get(id, 'kv-patch')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(requests.get('__proto__', 'revoke')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(requests.remove('__proto__')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(requests.get(42, 'revoke')).rejects.toThrow('"requestId" expected string, got number')
    await expect(requests.get('', 'revoke')).rejects.toThrow('"requestId" expected a non-empty string')
    await expect(requests.remove('x'.repeat(65))).rejects.toThrow('"requestId" is longer than 64 characters')
  })

  it('adds concurrently without losing one', async () => {
    const { requests } = setup()
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => requests.add({ ...REVOKE, identity: `u${n}` })))
    const found = await Promise.all(ids.map((id) => requests.get(id, 'revoke')))
    expect(found.map((request) => request.identity)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5'])
  })
})
