/** Pure helpers of the approval window: which request is shown, where it sits in the queue, how its origin reads. */
import type { PendingApproval } from '../../messaging/catalogue.js'

/** The request to show: the one already on screen while it is still pending, else the oldest. */
export function pickShown(queue: PendingApproval[], shownId: string | undefined): PendingApproval | undefined {
  const oldestFirst = sortOldestFirst(queue)
  return oldestFirst.find((request) => request.id === shownId) ?? oldestFirst[0]
}

/** The queue by `requestedAt`, oldest first (ties keep the background's order). */
export function sortOldestFirst(queue: PendingApproval[]): PendingApproval[] {
  return [...queue].sort((a, b) => a.requestedAt - b.requestedAt)
}

/** "n of m": the 1-based position of `id` in the oldest-first queue, and the queue's length. */
export function positionOf(queue: PendingApproval[], id: string): { position: number; total: number } {
  return { position: sortOldestFirst(queue).findIndex((request) => request.id === id) + 1, total: queue.length }
}

/** How many pending requests came from `origin` ("Reject all from this site" says how many it rejects). */
export function countFromOrigin(queue: PendingApproval[], origin: string): number {
  return queue.filter((request) => request.origin === origin).length
}

export type OriginParts = { scheme: string; host: string; insecure: boolean }

/**
 * The origin split for display, exactly as the browser reported it (punycode stays punycode, so a
 * look-alike name cannot pass as another). `insecure`: plain http to anything but this machine.
 */
export function originParts(origin: string): OriginParts {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/i.exec(origin)
  if (!match) return { scheme: '', host: origin, insecure: false }
  const scheme = match[1] ?? ''
  const host = match[2] ?? ''
  const hostname = host.replace(/:\d+$/, '')
  const local = hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]'
  return { scheme, host, insecure: scheme.toLowerCase() === 'http://' && !local }
}
