import { describe, expect, it } from 'vitest'
import { createAwaitingRequests, REQUESTS_KEY } from '../storage/awaiting-requests.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { createApprovalQueue, type NewApproval } from './approval-queue.js'
import { createRateLimiter } from './rate-limit.js'

const A = 'https://a.example'
const B = 'https://b.example'
const approval = (origin: string, kind: NewApproval['kind'] = 'signMessage'): NewApproval => ({
  origin,
  kind,
  avatarId: '0x02aa',
  description: 'test',
})

function setup(store = createMemoryStore()) {
  let shown = 0
  const awaiting = createAwaitingRequests(store, () => 1000)
  const queue = createApprovalQueue({ now: () => 1000, awaiting, showWindow: () => void shown++ })
  return { queue, awaiting, store, shown: () => shown }
}

describe('createApprovalQueue', () => {
  it('lists requests oldest first, opens the window, and resolves by id (with a chosen avatar)', async () => {
    const { queue, shown } = setup()
    const first = queue.request(approval(A, 'connect'))
    const second = queue.request(approval(B))
    const [one, two] = await queue.list()
    expect(one).toMatchObject({ origin: A, kind: 'connect', requestedAt: 1000 })
    expect(two).toMatchObject({ origin: B })
    expect(one?.id).toMatch(/^[0-9a-f-]{36}$/)
    await queue.resolve(one?.id ?? '', true, '0x03bb')
    await expect(first).resolves.toEqual({ avatarId: '0x03bb' })
    await queue.resolve(two?.id ?? '', false)
    await expect(second).rejects.toMatchObject({ code: 4001, message: 'the user rejected the request' })
    expect(queue.size).toBe(0)
    await Promise.resolve()
    expect(shown()).toBe(2)
  })

  it('refuses an unknown id with NOT_FOUND', async () => {
    await expect(setup().queue.resolve('nope', true)).rejects.toThrow('approval request not found')
  })

  it('keeps the requests in the one store of requests awaiting the user, beside prepared ones', async () => {
    const { queue, awaiting, store } = setup()
    const prepared = await awaiting.add({
      kind: 'revoke',
      avatar: '0x02aa',
      platform: 'dns',
      identity: 'example.com',
      uuid: 'u',
      createdAt: '1',
      signPayload: '{}',
    })
    const waiting = queue.request(approval(A))
    const [shown] = await queue.list()
    expect(Object.keys(store.data.get(REQUESTS_KEY) as object)).toEqual([prepared, shown?.id])
    // An approval is decided through the queue only: a prepared-request id is not one, nor the other way round.
    await expect(queue.resolve(prepared, true)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(awaiting.get(shown?.id, 'revoke')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await queue.resolve(shown?.id ?? '', true)
    await expect(waiting).resolves.toEqual({ avatarId: '0x02aa' })
    await Promise.resolve()
    expect(Object.keys(store.data.get(REQUESTS_KEY) as object)).toEqual([prepared])
  })

  it('a lock clears the store and rejects every page; a new worker drops what an earlier one left', async () => {
    const { queue, awaiting, store } = setup()
    const waiting = queue.request(approval(A))
    await queue.list()
    // The lock: the pages are answered 4900 and the store is emptied with the prepared requests.
    expect(queue.rejectAll(4900, 'the wallet was locked')).toBe(1)
    await awaiting.clear()
    await expect(waiting).rejects.toMatchObject({ code: 4900 })
    expect(store.data.has(REQUESTS_KEY)).toBe(false)

    const stopped = setup(store).queue // a worker that then stopped with a request waiting
    void stopped.request(approval(B)).catch(() => undefined)
    expect(await stopped.list()).toHaveLength(1)
    const restarted = setup(store)
    expect(await restarted.queue.list()).toEqual([])
    expect(await restarted.awaiting.list('dapp-approval')).toEqual([])
  })

  it('rejects all of one origin only, and everything on rejectAll with the given code', async () => {
    const { queue } = setup()
    const a1 = queue.request(approval(A))
    const a2 = queue.request(approval(A))
    const b1 = queue.request(approval(B))
    expect(queue.rejectOrigin(A)).toBe(2)
    await expect(a1).rejects.toMatchObject({ code: 4001 })
    await expect(a2).rejects.toMatchObject({ code: 4001, message: 'the user rejected every request from this site' })
    expect((await queue.list()).map((entry) => entry.origin)).toEqual([B])
    expect(queue.rejectAll(4900, 'the wallet was locked')).toBe(1)
    await expect(b1).rejects.toMatchObject({ code: 4900, message: 'the wallet was locked' })
  })

  it('holds at most 5 pending requests per origin; others are unaffected', async () => {
    const { queue } = setup()
    for (let i = 0; i < 5; i++) void queue.request(approval(A)).catch(() => undefined)
    await expect(queue.request(approval(A))).rejects.toMatchObject({
      code: -32603,
      message: 'too many requests from this site are waiting for approval (at most 5)',
    })
    void queue.request(approval(B)).catch(() => undefined)
    expect(queue.size).toBe(6)
    queue.rejectAll(4001, 'closed')
  })

  it('closing the window rejects only what it showed; a request it never saw survives for a new window', async () => {
    const { queue } = setup()
    const seen = queue.request(approval(A))
    await queue.list() // the window fetched (showed) the first request
    const unseen = queue.request(approval(B)) // arrived while the window was closing
    expect(queue.rejectShown(4001, 'the user closed the approval window')).toBe(1)
    await expect(seen).rejects.toMatchObject({ code: 4001, message: 'the user closed the approval window' })
    const [left] = await queue.list()
    expect(left).toMatchObject({ origin: B })
    await queue.resolve(left?.id ?? '', true)
    await expect(unseen).resolves.toEqual({ avatarId: '0x02aa' })
  })

  it('rejects the request when the window cannot open', async () => {
    const awaiting = createAwaitingRequests(createMemoryStore(), () => 0)
    const queue = createApprovalQueue({ now: () => 0, awaiting, showWindow: () => Promise.reject(new Error('no')) })
    await expect(queue.request(approval(A))).rejects.toMatchObject({
      code: -32603,
      message: 'could not open the approval window',
    })
  })
})

describe('createRateLimiter', () => {
  it('allows `limit` calls per window per key', () => {
    let time = 0
    const limiter = createRateLimiter(3, 1000, () => time)
    expect([1, 2, 3, 4].map(() => limiter.allow(A))).toEqual([true, true, true, false])
    expect(limiter.allow(B)).toBe(true)
    time = 999
    expect(limiter.allow(A)).toBe(false)
    time = 1000
    expect(limiter.allow(A)).toBe(true)
  })
})
