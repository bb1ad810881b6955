/**
 * Web pages' requests waiting for the user in the one approval window. The requests themselves are
 * in the one store of requests awaiting the user (storage/awaiting-requests.ts), where a lock
 * clears them with the rest; the page's side — the promise its Port waits on — lives in this
 * worker only. A worker restart closes every Port anyway (the relay then fails the request with
 * 4900), so a new queue first drops what an earlier worker left. Resolved by id only.
 *
 * Every request belongs to the page that made it (one document's Port): when that page navigates,
 * closes or its Port drops, its requests are rejected — an approval must never act for a page the
 * user has left. Caps per tab, per site and in total keep a page (or a family of subdomains, or a
 * swarm of tabs) from flooding the window.
 */
import type { PendingApproval } from '../../messaging/catalogue.js'
import { NotFoundError } from '../errors.js'
import type { AwaitingRequests } from '../storage/awaiting-requests.js'
import { DappError, DISCONNECTED, INTERNAL, REJECTED } from './dapp-error.js'
import { siteOf } from './site-of.js'

/** The user's answer: approved, with the avatar to share for 'connect'. */
export type ApprovalOutcome = { avatarId: string }

export type NewApproval = Omit<PendingApproval, 'id' | 'requestedAt'>

/** The page that asked: one document's Port (a navigation or a closed tab drops it), in one tab. */
export type RequestingPage = { pageId: string; tabId: number }

/** How many requests may wait at once: from one tab, from one site (siteOf), and in all. */
export type ApprovalCaps = { perTab: number; perSite: number; total: number }

// Well above what a real dApp needs (it asks once and waits, docs/dapp-api.md), low enough that the
// window stays readable: a site's 5 fit on one glance at "n of m".
export const APPROVAL_CAPS: ApprovalCaps = { perTab: 5, perSite: 5, total: 20 }

export type ApprovalQueueDeps = {
  now: () => number
  /** The one store of requests awaiting the user. */
  awaiting: AwaitingRequests
  /** Opens (or focuses) the approval window; called on every new request. */
  showWindow: () => void | Promise<void>
  /** Requests over a cap fail at once; APPROVAL_CAPS by default. */
  caps?: ApprovalCaps
}

/** The page's side of a waiting request. */
type Waiter = {
  origin: string
  site: string
  page: RequestingPage
  /** The approval window has fetched it: closing the window now counts as rejecting it. */
  shown: boolean
  resolve: (outcome: ApprovalOutcome) => void
  reject: (error: DappError) => void
}

export type ApprovalQueue = ReturnType<typeof createApprovalQueue>

/** An empty queue (requests an earlier worker left in the store are dropped). */
export function createApprovalQueue(deps: ApprovalQueueDeps) {
  const waiters = new Map<string, Waiter>()
  const caps = deps.caps ?? APPROVAL_CAPS
  void deps.awaiting.removeKind('dapp-approval').catch(() => undefined)

  /** Answers the page and drops the request from the store; false when it was already settled. */
  const settle = (id: string, answer: { error: DappError } | { outcome: ApprovalOutcome }) => {
    const waiter = waiters.get(id)
    if (!waiter) return false
    waiters.delete(id)
    void deps.awaiting.remove(id).catch(() => undefined) // gone already (a lock cleared the store)
    if ('error' in answer) waiter.reject(answer.error)
    else waiter.resolve(answer.outcome)
    return true
  }
  const rejectWhere = (pick: (waiter: Waiter) => boolean, code: number, message: string) => {
    const ids = [...waiters].filter(([, waiter]) => pick(waiter)).map(([id]) => id)
    for (const id of ids) settle(id, { error: new DappError(code, message) })
    return ids.length
  }

  /** Why one more request of this page and site may not wait; undefined when it may. */
  const overCap = (page: RequestingPage, site: string): string | undefined => {
    const all = [...waiters.values()]
    if (all.length >= caps.total) return `too many requests are waiting for approval (at most ${caps.total})`
    if (all.filter((waiter) => waiter.site === site).length >= caps.perSite) {
      return `too many requests from this site are waiting for approval (at most ${caps.perSite})`
    }
    if (all.filter((waiter) => waiter.page.tabId === page.tabId).length >= caps.perTab) {
      return `too many requests from this tab are waiting for approval (at most ${caps.perTab})`
    }
    return undefined
  }

  /** Queues a request of `page` and resolves when it is approved; rejects with 4001 when it is rejected. */
  function request(input: NewApproval, page: RequestingPage): Promise<ApprovalOutcome> {
    const site = siteOf(input.origin)
    const refusal = overCap(page, site)
    if (refusal) return Promise.reject(new DappError(INTERNAL, refusal))
    // The waiter is counted before the store is written, so a burst cannot pass the caps meanwhile.
    const id = crypto.randomUUID()
    const answered = new Promise<ApprovalOutcome>((resolve, reject) => {
      waiters.set(id, { origin: input.origin, site, page, shown: false, resolve, reject })
    })
    const approval = { ...input, requestedAt: deps.now() }
    void deps.awaiting
      .add({ kind: 'dapp-approval', approval }, { id, lifetimeMs: null })
      .then(deps.showWindow)
      .catch(() => settle(id, { error: new DappError(INTERNAL, 'could not open the approval window') }))
    return answered
  }

  /** The approval of a waiting request as the window shows it; undefined when it is not waiting. */
  async function find(id: string): Promise<PendingApproval | undefined> {
    return (await list(false)).find((approval) => approval.id === id)
  }

  /** Every waiting request, oldest first; when the window asks (`shown`), they count as shown. */
  async function list(shown = true): Promise<PendingApproval[]> {
    const stored = await deps.awaiting.list('dapp-approval')
    return stored.flatMap(({ id, request }) => {
      const waiter = waiters.get(id)
      if (!waiter) return []
      if (shown) waiter.shown = true
      return [{ ...request.approval, id }]
    })
  }

  return {
    request,
    list: () => list(true),
    find,
    /** Approves (optionally choosing the avatar to share) or rejects one request; NOT_FOUND if it is gone. */
    async resolve(id: string, approve: boolean, avatarId?: string): Promise<void> {
      const approval = await find(id)
      if (!approval) throw new NotFoundError('approval request')
      if (!approve) settle(id, { error: new DappError(REJECTED, 'the user rejected the request') })
      else settle(id, { outcome: { avatarId: avatarId ?? approval.avatarId } })
    },
    /** The page navigated, closed or dropped its Port: its requests go (4900); returns how many. */
    rejectPage: (pageId: string): number =>
      rejectWhere((waiter) => waiter.page.pageId === pageId, DISCONNECTED, 'the page that asked is gone'),
    /** Rejects every request of one origin; returns how many. */
    rejectOrigin: (origin: string): number =>
      rejectWhere((waiter) => waiter.origin === origin, REJECTED, 'the user rejected every request from this site'),
    /**
     * The window was closed: rejects what it had shown and returns how many unseen requests remain
     * (arrived after its last look, e.g. while it closed itself on an empty queue) — those deserve
     * a window of their own rather than a rejection the user never saw.
     */
    rejectShown(code: number, message: string): number {
      rejectWhere((waiter) => waiter.shown, code, message)
      return waiters.size
    },
    /** Rejects everything waiting (lock: 4900) with `code` and `message`. */
    rejectAll: (code: number, message: string): number => rejectWhere(() => true, code, message),
    get size() {
      return waiters.size
    },
  }
}
