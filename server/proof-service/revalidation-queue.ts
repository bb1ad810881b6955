/**
 * Schedules revalidations (§7.3) from GET /v1/proof and /exists without holding up the answer:
 * fire-and-forget, each proof at most once at a time, a few at a time, a bounded backlog. Several
 * server processes may share a database, so a proof is first claimed by moving its
 * last_checked_at; only the process whose claim succeeds checks it.
 */
import { type RevalidationDeps, revalidateProof } from './revalidate.js'

export type RevalidationQueue = {
  /** Queues each proof last checked longer ago than the configured age; returns at once. */
  schedule(proofs: readonly { id: string; last_checked_at: Date }[]): void
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>
  /** Drops the backlog, refuses new work and waits for the checks already running (shutdown). */
  close(): Promise<void>
}

export type RevalidationQueueOptions = RevalidationDeps & {
  maxAgeSeconds: number
  concurrency?: number
  /** Beyond this many queued proofs new ones are skipped: their next query queues them again. */
  maxQueued?: number
}

/** A queue that revalidates stale proofs in the background. */
export function createRevalidationQueue(options: RevalidationQueueOptions): RevalidationQueue {
  const { maxAgeSeconds, concurrency = 4, maxQueued = 1000 } = options
  const queued: string[] = []
  const known = new Set<string>()
  let running = 0
  let closed = false
  let waiters: (() => void)[] = []

  const settle = () => {
    if (running > 0 || queued.length > 0) return
    for (const wake of waiters) wake()
    waiters = []
  }
  const pump = () => {
    while (!closed && running < concurrency && queued.length > 0) {
      const id = queued.shift() as string
      running += 1
      void claimAndCheck(options, id, maxAgeSeconds).finally(() => {
        running -= 1
        known.delete(id)
        pump()
        settle()
      })
    }
  }
  const idle = () =>
    new Promise<void>((resolve) => {
      waiters.push(resolve)
      settle()
    })
  return {
    schedule(proofs) {
      const cutoff = Date.now() - maxAgeSeconds * 1000
      for (const proof of proofs) {
        if (closed || known.size >= maxQueued) return
        if (proof.last_checked_at.getTime() > cutoff || known.has(proof.id)) continue
        known.add(proof.id)
        queued.push(proof.id)
      }
      pump()
    },
    idle,
    close() {
      closed = true
      for (const id of queued.splice(0)) known.delete(id)
      return idle()
    },
  }
}

async function claimAndCheck(deps: RevalidationDeps, id: string, maxAgeSeconds: number): Promise<void> {
  try {
    const claimed = await deps.db.query(
      `UPDATE proof SET last_checked_at = now()
       WHERE id = $1 AND last_checked_at < now() - make_interval(secs => $2) RETURNING id`,
      [id, maxAgeSeconds],
    )
    if (claimed.length > 0) await revalidateProof(deps, id)
  } catch (error) {
    deps.logger.error('revalidation failed', {
      proof_id: id,
      error: error instanceof Error ? error.message : String(error),
    })
  }
}
