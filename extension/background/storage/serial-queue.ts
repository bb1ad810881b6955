/**
 * Runs read-modify-write steps over one stored record one at a time: each step starts after the
 * one before it settled, whether that one succeeded or failed.
 */
export type SerialQueue = <T>(step: () => Promise<T>) => Promise<T>

/** An empty queue. */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return (step) => {
    const run = tail.then(step)
    tail = run.catch(() => undefined)
    return run
  }
}
