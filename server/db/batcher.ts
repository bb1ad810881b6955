/**
 * Group commit for the write path: requests that arrive while the database is busy are collected
 * and handed to `run` together, so one statement (one round trip, one commit, one WAL flush)
 * serves many of them instead of one transaction of several statements each. Nothing waits on a
 * timer: a lone request goes out on the next turn of the event loop; under load the batch is
 * whatever queued up while the previous one ran. Items with the same `keyOf` never share a batch
 * nor run while another with that key is in flight, so appends to one chain keep their order.
 */

export type BatcherOptions<I, O> = {
  /** Runs one batch; answers one outcome per item, in order. A throw fails the whole batch. */
  run(items: readonly I[]): Promise<O[]>
  /** Items with equal keys are run one after the other, never in the same batch. */
  keyOf?: (item: I) => string
  /** Largest batch. */
  maxBatch?: number
  /** Batches running at once (each holds one database connection). */
  maxInFlight?: number
}

export type Batcher<I, O> = {
  /** Queues `item`; resolves with its outcome once its batch has run (committed). */
  submit(item: I): Promise<O>
}

type Pending<I, O> = { item: I; key: string | undefined; resolve(outcome: O): void; reject(error: unknown): void }

/** A batcher over `run`: 64 items per batch, 2 batches in flight unless told otherwise. */
export function createBatcher<I, O>(options: BatcherOptions<I, O>): Batcher<I, O> {
  const maxBatch = options.maxBatch ?? 64
  const maxInFlight = options.maxInFlight ?? 2
  let queue: Pending<I, O>[] = []
  const busyKeys = new Set<string>()
  let inFlight = 0
  let scheduled = false

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || queue.length === 0) return
    scheduled = true
    // setImmediate, not a microtask: requests parsed in this same turn of the loop join the batch.
    setImmediate(() => {
      scheduled = false
      startBatch()
    })
  }

  const startBatch = () => {
    if (inFlight >= maxInFlight) return
    const batch: Pending<I, O>[] = []
    const waiting: Pending<I, O>[] = []
    for (const pending of queue) {
      const blocked = pending.key !== undefined && busyKeys.has(pending.key)
      if (blocked || batch.length >= maxBatch) waiting.push(pending)
      else {
        if (pending.key !== undefined) busyKeys.add(pending.key)
        batch.push(pending)
      }
    }
    queue = waiting
    if (batch.length === 0) return
    inFlight++
    runBatch(batch).finally(() => {
      inFlight--
      for (const pending of batch) if (pending.key !== undefined) busyKeys.delete(pending.key)
      schedule()
    })
    schedule()
  }

  const runBatch = async (batch: Pending<I, O>[]) => {
    let outcomes: O[]
    try {
      outcomes = await options.run(batch.map((pending) => pending.item))
      if (outcomes.length !== batch.length) throw new Error(`batch of ${batch.length} got ${outcomes.length} outcomes`)
    } catch (error) {
      for (const pending of batch) pending.reject(error)
      return
    }
    for (const [index, pending] of batch.entries()) pending.resolve(outcomes[index] as O)
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, key: options.keyOf?.(item), resolve, reject })
        schedule()
      })
    },
  }
}
