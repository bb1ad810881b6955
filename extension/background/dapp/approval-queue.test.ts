import { describe, expect, it } from 'vitest'
import { createAwaitingRequests, REQUESTS_KEY } from '../storage/awaiting-requests.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { createApprovalQueue, type NewApproval, type RequestingPage } from './approval-queue.js'
import { createRateLimiter } from './rate-limit.js'

const A = 'https://a.example'
const B = 'https://b.example'
const approval = (origin: string, kind: NewApproval['kind'] = 'signMessage'): NewApproval => ({
  origin,
  kind,
  avatarId: '0x02aa',
})

/** Each origin's page in a tab of its own. */
const pageOf = (origin: string): RequestingPage => ({ pageId: `page of ${origin}`, tabId: origin === A ? 1 : 2 })

function setup(store = createMemoryStore()) {
  let shown = 0
  const awaiting = createAwaitingRequests(store, () => 1000)
  const queue = createApprovalQueue({ now: () => 1000, awaiting, showWindow: () => void shown++ })
  return { queue, awaiting, store, shown: () => shown }
}

describe('createApprovalQueue', () => {
  it('lists requests oldest first, opens the window, and resolves by id (with a chosen avatar)', async () => {
    const { queue, shown } = setup()
    const first = queue.request(approval(A, 'connect'), pageOf(A))
    const second = queue.request(approval(B), pageOf(B))
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
    const waiting = queue.request(approval(A), pageOf(A))
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
    const waiting = queue.request(approval(A), pageOf(A))
    await queue.list()
    // The lock: the pages are answered 4900 and the store is emptied with the prepared requests.
    expect(queue.rejectAll(4900, 'the wallet was locked')).toBe(1)
    await awaiting.clear()
    await expect(waiting).rejects.toMatchObject({ code: 4900 })
    expect(store.data.has(REQUESTS_KEY)).toBe(false)

    const stopped = setup(store).queue // a worker that then stopped with a request waiting
    void stopped.request(approval(B), pageOf(B)).catch(() => undefined)
    expect(await stopped.list()).toHaveLength(1)
    const restarted = setup(store)
    expect(await restarted.queue.list()).toEqual([])
    expect(await restarted.awaiting.list('dapp-approval')).toEqual([])
  })

  it('rejects all of one origin only, and everything on rejectAll with the given code', async () => {
    const { queue } = setup()
    const a1 = queue.request(approval(A), pageOf(A))
    const a2 = queue.request(approval(A), pageOf(A))
    const b1 = queue.request(approval(B), pageOf(B))
    expect(queue.rejectOrigin(A)).toBe(2)
    await expect(a1).rejects.toMatchObject({ code: 4001 })
    await expect(a2).rejects.toMatchObject({ code: 4001, message: 'the user rejected every request from this site' })
    expect((await queue.list()).map((entry) => entry.origin)).toEqual([B])
    expect(queue.rejectAll(4900, 'the wallet was locked')).toBe(1)
    await expect(b1).rejects.toMatchObject({ code: 4900, message: 'the wallet was locked' })
  })

  it('caps waiting requests per site (subdomains together), per tab and in total; others are unaffected', async () => {
    const { queue } = setup()
    const tooMany = (what: string, cap: number) => ({
      code: -32603,
      message: `too many requests ${what} are waiting for approval (at most ${cap})`,
    })
    // One site through five subdomains, each in a tab of its own: the sixth is refused.
    for (let i = 0; i < 5; i++) {
      void queue.request(approval(`https://a${i}.attacker.example`), { pageId: `p${i}`, tabId: 10 + i }).catch(() => 0)
    }
    await expect(
      queue.request(approval('https://a5.attacker.example'), { pageId: 'p5', tabId: 15 }),
    ).rejects.toMatchObject(tooMany('from this site', 5))
    // One tab, whatever the sites its pages claim: the sixth is refused.
    const tab = (i: number) => ({ pageId: `t${i}`, tabId: 3 })
    for (let i = 0; i < 5; i++) void queue.request(approval(`https://s${i}.example${i}`), tab(i)).catch(() => 0)
    await expect(queue.request(approval('https://s5.example5'), tab(5))).rejects.toMatchObject(
      tooMany('from this tab', 5),
    )
    // Other sites in other tabs still get in, up to the total.
    for (let i = 0; i < 10; i++) {
      void queue.request(approval(`https://site${i}.example${i}`), { pageId: `o${i}`, tabId: 30 + i }).catch(() => 0)
    }
    expect(queue.size).toBe(20)
    await expect(queue.request(approval(B), pageOf(B))).rejects.toMatchObject({
      code: -32603,
      message: 'too many requests are waiting for approval (at most 20)',
    })
    queue.rejectAll(4001, 'closed')
  })

  it('rejects the requests of a page that is gone (4900), and only those; its requests can no longer be approved', async () => {
    const { queue } = setup()
    const left = queue.request(approval(A), { pageId: 'old document', tabId: 1 })
    const stays = queue.request(approval(A), { pageId: 'new document', tabId: 1 })
    const [gone] = await queue.list()
    expect(queue.rejectPage('old document')).toBe(1)
    await expect(left).rejects.toMatchObject({ code: 4900, message: 'the page that asked is gone' })
    await expect(queue.resolve(gone?.id ?? '', true)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await queue.list()).toHaveLength(1)
    expect(queue.rejectPage('old document')).toBe(0)
    const [current] = await queue.list()
    await queue.resolve(current?.id ?? '', true)
    await expect(stays).resolves.toEqual({ avatarId: '0x02aa' })
  })

  it('closing the window rejects only what it showed; a request it never saw survives for a new window', async () => {
    const { queue } = setup()
    const seen = queue.request(approval(A), pageOf(A))
    await queue.list() // the window fetched (showed) the first request
    const unseen = queue.request(approval(B), pageOf(B)) // arrived while the window was closing
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
    await expect(queue.request(approval(A), pageOf(A))).rejects.toMatchObject({
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
