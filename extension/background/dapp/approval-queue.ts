/**
 * Requests waiting for the user in the one approval window. They live in the worker's memory only:
 * the page's answer travels over a Port that a worker restart closes anyway (the relay then fails
 * the request with 4900), so a restart rejects them by construction. Resolved by id only.
 */
import type { PendingApproval } from '../../messaging/catalogue.js'
import { NotFoundError } from '../errors.js'
import { DappError, INTERNAL, REJECTED } from './dapp-error.js'

/** The user's answer: approved, with the avatar to share for 'connect'. */
export type ApprovalOutcome = { avatarId: string }

export type NewApproval = Omit<PendingApproval, 'id' | 'requestedAt'>

export type ApprovalQueueDeps = {
  now: () => number
  /** Opens (or focuses) the approval window; called on every new request. */
  showWindow: () => void | Promise<void>
  /** At most this many requests of one origin wait at a time (the rest fail at once). */
  maxPendingPerOrigin?: number
}

type Entry = {
  approval: PendingApproval
  /** The approval window has fetched it: closing the window now counts as rejecting it. */
  shown: boolean
  resolve: (outcome: ApprovalOutcome) => void
  reject: (error: DappError) => void
}

export type ApprovalQueue = ReturnType<typeof createApprovalQueue>

/** An empty queue. */
export function createApprovalQueue(deps: ApprovalQueueDeps) {
  const entries = new Map<string, Entry>()
  const maxPerOrigin = deps.maxPendingPerOrigin ?? 5

  const settle = (id: string, error?: DappError, outcome?: ApprovalOutcome) => {
    const entry = entries.get(id)
    if (!entry) return false
    entries.delete(id)
    if (error) entry.reject(error)
    else entry.resolve(outcome ?? { avatarId: entry.approval.avatarId })
    return true
  }

  /** Queues a request and resolves when it is approved; rejects with 4001 when it is rejected. */
  function request(input: NewApproval): Promise<ApprovalOutcome> {
    const waiting = [...entries.values()].filter((entry) => entry.approval.origin === input.origin).length
    if (waiting >= maxPerOrigin) {
      return Promise.reject(
        new DappError(INTERNAL, `too many requests from this site are waiting for approval (at most ${maxPerOrigin})`),
      )
    }
    const approval: PendingApproval = { ...input, id: crypto.randomUUID(), requestedAt: deps.now() }
    const promise = new Promise<ApprovalOutcome>((resolve, reject) => {
      entries.set(approval.id, { approval, shown: false, resolve, reject })
    })
    void Promise.resolve()
      .then(deps.showWindow)
      .catch(() => settle(approval.id, new DappError(INTERNAL, 'could not open the approval window')))
    return promise
  }

  return {
    request,
    /** Every waiting request, oldest first (copies); the window calls this, so they count as shown. */
    list(): PendingApproval[] {
      return [...entries.values()].map((entry) => {
        entry.shown = true
        return structuredClone(entry.approval)
      })
    },
    /** Approves (optionally choosing the avatar to share) or rejects one request; NOT_FOUND if it is gone. */
    resolve(id: string, approve: boolean, avatarId?: string): void {
      const entry = entries.get(id)
      if (!entry) throw new NotFoundError('approval request')
      if (!approve) settle(id, new DappError(REJECTED, 'the user rejected the request'))
      else settle(id, undefined, { avatarId: avatarId ?? entry.approval.avatarId })
    },
    /** Rejects every request of one origin; returns how many. */
    rejectOrigin(origin: string): number {
      const ids = [...entries.values()].filter((entry) => entry.approval.origin === origin).map((e) => e.approval.id)
      for (const id of ids) settle(id, new DappError(REJECTED, 'the user rejected every request from this site'))
      return ids.length
    },
    /**
     * The window was closed: rejects what it had shown and returns how many unseen requests remain
     * (arrived after its last look, e.g. while it closed itself on an empty queue) — those deserve
     * a window of their own rather than a rejection the user never saw.
     */
    rejectShown(code: number, message: string): number {
      const ids = [...entries.values()].filter((entry) => entry.shown).map((entry) => entry.approval.id)
      for (const id of ids) settle(id, new DappError(code, message))
      return entries.size
    },
    /** Rejects everything waiting (lock: 4900) with `code` and `message`. */
    rejectAll(code: number, message: string): number {
      const ids = [...entries.keys()]
      for (const id of ids) settle(id, new DappError(code, message))
      return ids.length
    },
    get size() {
      return entries.size
    },
  }
}
