/**
 * Requests in flight that need the unlocked vault. Locking rejects every one of them at once with
 * LockedError, so nothing started before a lock finishes after it with a stale key (§ issue 4),
 * and aborts the signal each operation was given: an operation checks it right before it signs and
 * right before it submits, so work already under way stops there too (issue 14).
 */
import { LockedError } from '../errors.js'

export type PendingRequests = {
  /**
   * Runs `operation`; the returned promise rejects with LockedError if a lock comes first, and the
   * signal handed to `operation` is aborted (its reason a LockedError) at the same moment.
   */
  track<T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T>
  /** Rejects every tracked request; returns how many there were. */
  rejectAll(): number
  readonly size: number
}

/** Creates an empty registry. */
export function createPendingRequests(): PendingRequests {
  const rejecters = new Set<(error: Error) => void>()
  return {
    track<T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const controller = new AbortController()
        const cancel = (error: Error) => {
          controller.abort(error)
          reject(error)
        }
        rejecters.add(cancel)
        operation(controller.signal)
          .then(resolve, reject)
          .finally(() => rejecters.delete(cancel))
      })
    },
    rejectAll() {
      const count = rejecters.size
      for (const reject of [...rejecters]) reject(new LockedError())
      rejecters.clear()
      return count
    },
    get size() {
      return rejecters.size
    },
  }
}
