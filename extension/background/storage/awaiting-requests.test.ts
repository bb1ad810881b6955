import { describe, expect, it } from 'vitest'
import { createAwaitingRequests, REQUEST_LIFETIME_MS, REQUESTS_KEY, type RevokeRequest } from './awaiting-requests.js'
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
  return { clock, store, requests: createAwaitingRequests(store, () => clock.time) }
}

describe('requests awaiting the user', () => {
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
    const restarted = createAwaitingRequests(store, () => clock.time)
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

  it('keeps a page’s request until it is decided, lists one kind oldest first, and drops a kind at once', async () => {
    const { requests, clock } = setup()
    const approval = {
      origin: 'https://a.example',
      kind: 'connect',
      avatarId: '0x02aa',
      description: 'x',
      requestedAt: 1,
    } as const
    const revoke = await requests.add(REVOKE)
    const first = await requests.add({ kind: 'dapp-approval', approval }, { id: 'page-1', lifetimeMs: null })
    const second = await requests.add({ kind: 'dapp-approval', approval: { ...approval, origin: 'https://b.example' } })
    await expect(requests.add(REVOKE, { id: 'page-1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect((await requests.list('dapp-approval')).map((entry) => entry.id)).toEqual(['page-1', second])
    clock.time += REQUEST_LIFETIME_MS
    // The prepared revoke and the default-lifetime approval expired; the page's request waits on.
    expect((await requests.list('dapp-approval')).map((entry) => entry.id)).toEqual([first])
    await expect(requests.get(revoke, 'revoke')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const kept = await requests.add(REVOKE)
    expect(await requests.removeKind('dapp-approval')).toBe(1)
    expect(await requests.list('dapp-approval')).toEqual([])
    expect(await requests.get(kept, 'revoke')).toEqual(REVOKE)
  })
})
