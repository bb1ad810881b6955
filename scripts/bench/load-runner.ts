/**
 * The load generator's core: N workers (the concurrency) each send the next request as soon as
 * their previous one answered — a closed loop, so latency under load is measured, not queueing in
 * the generator. Every answer must have the expected status, or the run stops with the first
 * failure: a benchmark of error answers would measure nothing.
 */
import type { HttpAnswer } from './http-client.js'

export type LoadResult = {
  requests: number
  wallMs: number
  /** Per request, from send to the last byte of the answer, sorted ascending. */
  latenciesMs: number[]
}

export type LoadSpec<T> = {
  concurrency: number
  expectStatus: number
  send: (item: T) => Promise<HttpAnswer>
  /** Optional check of a well-status answer's body; returns a problem or null. */
  check?: (answer: HttpAnswer, item: T) => string | null
}

/** Sends every item once, `concurrency` at a time. */
export function runItems<T>(items: readonly T[], spec: LoadSpec<T>): Promise<LoadResult> {
  let next = 0
  return run(spec, () => (next < items.length ? (items[next++] as T) : undefined))
}

/** Sends items picked by `pick` until `durationMs` has passed (requests in flight then still count). */
export function runFor<T>(durationMs: number, pick: () => T, spec: LoadSpec<T>): Promise<LoadResult> {
  const deadline = performance.now() + durationMs
  return run(spec, () => (performance.now() < deadline ? pick() : undefined))
}

async function run<T>(spec: LoadSpec<T>, take: () => T | undefined): Promise<LoadResult> {
  const latencies: number[] = []
  let failure: Error | undefined
  const worker = async () => {
    for (let item = take(); item !== undefined && !failure; item = take()) {
      const start = performance.now()
      const answer = await spec.send(item)
      latencies.push(performance.now() - start)
      const problem =
        answer.status === spec.expectStatus
          ? (spec.check?.(answer, item) ?? null)
          : `answered ${answer.status}, expected ${spec.expectStatus}: ${answer.body.slice(0, 300)}`
      if (problem) failure ??= new Error(problem)
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: spec.concurrency }, worker))
  const wallMs = performance.now() - start
  if (failure) throw failure
  return { requests: latencies.length, wallMs, latenciesMs: latencies.sort((a, b) => a - b) }
}

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] as number
}

/** Requests per second, p50, p99 and max of a run. */
export function summarize(result: LoadResult) {
  return {
    requests: result.requests,
    seconds: result.wallMs / 1000,
    perSecond: result.requests / (result.wallMs / 1000),
    p50Ms: percentile(result.latenciesMs, 50),
    p99Ms: percentile(result.latenciesMs, 99),
    maxMs: result.latenciesMs.at(-1) ?? Number.NaN,
  }
}

export type LoadSummary = ReturnType<typeof summarize>
