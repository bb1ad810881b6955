/**
 * The timed phases of `npm run bench:server`: a write load (POST /v1/proof or POST /v1/kv, every
 * answer 201) and a read load (GET /v1/proof for stored bindings, every answer 200 and finding
 * them), each with the CPU time the server, PostgreSQL and the generator spent on it.
 */
import { type CpuSnapshot, cpuBetween, readCpu } from './cpu-usage.js'
import { createHttpClient, type HttpClient } from './http-client.js'
import { type LoadResult, type LoadSummary, runFor, runItems, summarize } from './load-runner.js'
import type { PreparedPost } from './prepare-writes.js'

export type PhaseResult = LoadSummary & {
  concurrency: number
  /** CPU milliseconds per request on each side; null off Linux. */
  cpuMsPerRequest: CpuSnapshot | null
  /** When the timed load ran, in µs of the monotonic clock V8's CPU profiles use too. */
  windowUs: [number, number]
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)

/** One service on one or more server processes; requests go to them in turn, as a load balancer sends them. */
export type Target = { baseUrls: string[]; serverPids: number[]; postmasterPid: number | null }

function clientFor(target: Target, concurrency: number) {
  const clients = target.baseUrls.map((url) => createHttpClient(url, concurrency))
  let turn = 0
  const next = () => clients[turn++ % clients.length] as HttpClient
  return {
    get: (path: string) => next().get(path),
    postJson: (path: string, body: string) => next().postJson(path, body),
    close: () => {
      for (const client of clients) client.close()
    },
  }
}

/** Fires `warmup` untimed (JIT, pools), then `timed`, `concurrency` at a time; every answer must be 201. */
export async function runWritePhase(
  target: Target,
  warmup: readonly PreparedPost[],
  timed: readonly PreparedPost[],
  concurrency: number,
): Promise<PhaseResult> {
  const client = clientFor(target, concurrency)
  const spec = { concurrency, expectStatus: 201, send: (post: PreparedPost) => client.postJson(post.path, post.body) }
  try {
    await runItems(warmup, spec)
    return await measured(target, concurrency, () => runItems(timed, spec))
  } finally {
    client.close()
  }
}

export type ReadQuery = { path: string; expect: string }

/** Sends random `queries` for `seconds` (after 1 s untimed); every answer must be 200 and contain its `expect`. */
export async function runReadPhase(
  target: Target,
  queries: readonly ReadQuery[],
  seconds: number,
  concurrency: number,
): Promise<PhaseResult> {
  const client = clientFor(target, concurrency)
  const pick = () => queries[Math.floor(Math.random() * queries.length)] as ReadQuery
  const spec = {
    concurrency,
    expectStatus: 200,
    send: (query: ReadQuery) => client.get(query.path),
    check: (answer: { body: string }, query: ReadQuery) =>
      answer.body.includes(query.expect)
        ? null
        : `${query.path} did not find ${query.expect}: ${answer.body.slice(0, 300)}`,
  }
  try {
    await runFor(1000, pick, spec)
    return await measured(target, concurrency, () => runFor(seconds * 1000, pick, spec))
  } finally {
    client.close()
  }
}

async function measured(target: Target, concurrency: number, load: () => Promise<LoadResult>): Promise<PhaseResult> {
  const before = readCpu(target.serverPids, target.postmasterPid)
  const start = monotonicUs()
  const result = await load()
  const windowUs: [number, number] = [start, monotonicUs()]
  const cpu = cpuBetween(before, readCpu(target.serverPids, target.postmasterPid))
  const perRequest = (seconds: number) => (seconds * 1000) / result.requests
  return {
    ...summarize(result),
    concurrency,
    windowUs,
    cpuMsPerRequest: cpu && {
      server: perRequest(cpu.server),
      serverKernel: perRequest(cpu.serverKernel),
      postgres: perRequest(cpu.postgres),
      generator: perRequest(cpu.generator),
      machine: perRequest(cpu.machine),
    },
  }
}
