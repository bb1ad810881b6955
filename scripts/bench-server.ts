/**
 * Runs in: Node (`npm run bench:server [-- --quick]`). The server benchmark of issue 3: the raw
 * secp256k1 recovery rate (noble, native libsecp256k1, and the server's own recoverSigner), POST
 * /v1/proof Ethereum bindings (two recoveries each) and POST /v1/kv writes (one), and GET /v1/proof
 * over a million stored bindings, on a throwaway PostgreSQL with the server in its own process.
 * Also measured: the same writes on the server's noble fallback (SECP256K1_NATIVE=off) and on two
 * server processes, and with `--profile` where the server's CPU goes. Prints the machine and a
 * table, writes .reports/bench-server.json. Reports only; a benchmark is never a test.
 * Sizes: flags (see readOptions) or BENCH_WRITES, BENCH_WARMUP, BENCH_CONCURRENCY, BENCH_ROWS,
 * BENCH_READ_SECONDS, BENCH_READ_CONCURRENCY, BENCH_RECOVERY_SECONDS; `--quick` for development.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { openPostgres } from '../server/db/open-postgres.js'
import { summarizeCpuProfile } from './bench/cpu-profile-summary.js'
import { createHttpClient } from './bench/http-client.js'
import { describeMachine } from './bench/machine.js'
import { type ReadQuery, runReadPhase, runWritePhase, type Target } from './bench/phases.js'
import { benchAvatar, prepareBindings, prepareKvWrites } from './bench/prepare-writes.js'
import { measureRecoveryRates } from './bench/recovery-rate.js'
import { type BenchResults, computeGoals, printReport, type WritePhases } from './bench/report.js'
import { PLATFORMS_PER_AVATAR, sampleBindings, seedProofs, settleDatabase } from './bench/seed-proofs.js'
import { type ServerChild, startServerChild } from './bench/server-child.js'
import { startThrowawayPostgres, type ThrowawayPostgres } from './bench/throwaway-postgres.js'

const ROOT = join(import.meta.dirname, '..')
// The server's own fallback, run on purpose (server/crypto/secp256k1-backend.ts).
const NOBLE_FALLBACK = { SECP256K1_NATIVE: 'off' }

const options = readOptions()
const postgres = startThrowawayPostgres()
const servers: ServerChild[] = []
// Ctrl-C: the servers get the terminal's SIGINT themselves; the cluster must not be left running.
process.once('SIGINT', () => {
  postgres.stop()
  process.exit(130)
})
try {
  await benchmark(postgres)
} finally {
  await Promise.allSettled(servers.map((server) => server.stop()))
  postgres.stop()
}

async function benchmark(pg: ThrowawayPostgres): Promise<void> {
  const main = await startServer(pg.url)
  const db = await openPostgres(pg.url, { maxConnections: 2 })
  const machine = await describeMachine(db)

  log(`recovery rates, ${options.recoverySeconds} s each`)
  const recovery = measureRecoveryRates(options.recoverySeconds * 1000)

  const avatars = Math.ceil(options.rows / PLATFORMS_PER_AVATAR)
  log(`seeding ${(avatars * PLATFORMS_PER_AVATAR).toLocaleString('en')} proof rows`)
  const seedStart = performance.now()
  await seedProofs(db, avatars, (rows) => log(`  ${rows.toLocaleString('en')} rows`))
  const seedSeconds = (performance.now() - seedStart) / 1000

  let set = 0
  const writes = await writePhases(pg, main, [main], set++)
  log(`GET /v1/proof for ${options.readSeconds} s, concurrency ${options.readConcurrency}`)
  const queries = await readQueries(db)
  await settleDatabase(db)
  const readTarget = { baseUrls: [main.proofUrl], serverPids: [main.pid], postmasterPid: pg.postmasterPid }
  const reads = await runReadPhase(readTarget, queries, options.readSeconds, options.readConcurrency)

  const experiments: BenchResults['experiments'] = []
  if (!options.skipExperiments) {
    const variants = [
      { name: 'noble fallback (SECP256K1_NATIVE=off), 1 server process', processes: 1, env: NOBLE_FALLBACK },
      { name: 'native, 2 server processes', processes: 2, env: {} },
    ]
    for (const { name, processes, env } of variants) {
      const started = await Promise.all(Array.from({ length: processes }, () => startServer(pg.url, [], env)))
      experiments.push({ name, ...(await writePhases(pg, main, started, set++)) })
      for (const server of started) await stopServer(server)
    }
  }
  const profiles: BenchResults['profiles'] = []
  if (options.profile) profiles.push(await profileWrites(pg, main, set++, 'as is (native)'))
  await db.close()

  const results: BenchResults = {
    date: new Date().toISOString(),
    options,
    machine,
    recovery,
    seed: { rows: avatars * PLATFORMS_PER_AVATAR, seconds: seedSeconds },
    writes,
    reads,
    experiments,
    profiles,
    goals: computeGoals(recovery.rates, writes.proof, reads),
  }
  mkdirSync(dirname(options.out), { recursive: true })
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`)
  printReport(results)
  log(`results written to ${options.out}`)
}

/**
 * Prepares (through `preparer`, untimed) and fires the binding and KV loads at `servers`, which
 * share the work in turn; avatar set `set` keeps the runs on separate avatars.
 */
async function writePhases(
  pg: ThrowawayPostgres,
  preparer: ServerChild,
  servers: ServerChild[],
  set: number,
): Promise<WritePhases> {
  const { writes, warmup, concurrency } = options
  const first = set * (writes + warmup)
  const proofClient = createHttpClient(preparer.proofUrl, 16)
  const kvClient = createHttpClient(preparer.kvUrl, 16)
  log(`preparing ${writes + warmup} bindings and KV writes (set ${set})`)
  const bindings = await prepareBindings(proofClient, first, writes + warmup)
  const kvWrites = await prepareKvWrites(kvClient, first, writes + warmup)
  proofClient.close()
  kvClient.close()
  const target = (urls: string[]): Target => ({
    baseUrls: urls,
    serverPids: servers.map((server) => server.pid),
    postmasterPid: pg.postmasterPid,
  })
  const on = `${servers.length} process${servers.length > 1 ? 'es' : ''}`
  log(`POST /v1/proof × ${writes} (after ${warmup} untimed), concurrency ${concurrency}, ${on}`)
  const proofTarget = target(servers.map((server) => server.proofUrl))
  const proof = await runWritePhase(proofTarget, bindings.slice(0, warmup), bindings.slice(warmup), concurrency)
  log(`POST /v1/kv × ${writes} (after ${warmup} untimed), concurrency ${concurrency}, ${on}`)
  const kvTarget = target(servers.map((server) => server.kvUrl))
  const kv = await runWritePhase(kvTarget, kvWrites.slice(0, warmup), kvWrites.slice(warmup), concurrency)
  return { proof, kv }
}

/** Mostly exact identity lookups of seeded bindings, one in twenty an avatar lookup of a benchmark avatar. */
async function readQueries(db: Awaited<ReturnType<typeof openPostgres>>): Promise<ReadQuery[]> {
  const sampled = await sampleBindings(db, 5000)
  const queries: ReadQuery[] = sampled.map(({ platform, identity }) => ({
    path: `/v1/proof?platform=${platform}&identity=${encodeURIComponent(identity)}&exact=true`,
    expect: `"identity":${JSON.stringify(identity)}`,
  }))
  for (let n = 0; n < queries.length / 20; n++) {
    const avatar = benchAvatar(n % options.writes)
    queries.push({ path: `/v1/proof?platform=nextid&identity=${avatar}&exact=true`, expect: `"avatar":"${avatar}"` })
  }
  return queries
}

/** The binding and KV loads once more, on a server under `--cpu-prof`; its self time by area. */
async function profileWrites(pg: ThrowawayPostgres, main: ServerChild, set: number, name: string) {
  const dir = join(ROOT, '.reports', 'bench-server-profile', name.replace(/\W+/g, '-').replace(/-$/, ''))
  rmSync(dir, { recursive: true, force: true }) // one run's profile only
  mkdirSync(dir, { recursive: true })
  const profiled = await startServer(pg.url, ['--cpu-prof', `--cpu-prof-dir=${dir}`])
  const phases = await writePhases(pg, main, [profiled], set)
  await stopServer(profiled) // the profile is written when the process exits
  const file = readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no CPU profile in ${dir}`)
  const windows = [phases.proof.windowUs, phases.kv.windowUs]
  return { name, file: join(dir, file), phases, areas: summarizeCpuProfile(join(dir, file), windows) }
}

async function startServer(
  url: string,
  nodeArgs: string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<ServerChild> {
  const server = await startServerChild(url, nodeArgs, env)
  servers.push(server)
  return server
}

async function stopServer(server: ServerChild): Promise<void> {
  await server.stop()
  servers.splice(servers.indexOf(server), 1)
}

function log(line: string): void {
  console.error(`bench: ${line}`)
}

function readOptions() {
  const env = process.env
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      writes: { type: 'string', default: env.BENCH_WRITES },
      warmup: { type: 'string', default: env.BENCH_WARMUP },
      concurrency: { type: 'string', default: env.BENCH_CONCURRENCY ?? '32' },
      rows: { type: 'string', default: env.BENCH_ROWS },
      'read-seconds': { type: 'string', default: env.BENCH_READ_SECONDS },
      'read-concurrency': { type: 'string', default: env.BENCH_READ_CONCURRENCY ?? '8' },
      'recovery-seconds': { type: 'string', default: env.BENCH_RECOVERY_SECONDS ?? '2' },
      'skip-experiments': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, '.reports', 'bench-server.json') },
    },
  })
  const quick = values.quick
  const count = (name: string, text: string | undefined, fallback: number, min = 1) => {
    const value = text === undefined ? fallback : Number(text)
    if (!Number.isSafeInteger(value) || value < min)
      throw new Error(`--${name} expects an integer ≥ ${min}, got ${text}`)
    return value
  }
  const writes = count('writes', values.writes, quick ? 200 : 2000)
  return {
    quick,
    writes,
    warmup: count('warmup', values.warmup, Math.max(50, Math.round(writes / 10)), 0),
    concurrency: count('concurrency', values.concurrency, 32),
    rows: count('rows', values.rows, quick ? 50_000 : 1_000_000, PLATFORMS_PER_AVATAR),
    readSeconds: count('read-seconds', values['read-seconds'], quick ? 3 : 10),
    readConcurrency: count('read-concurrency', values['read-concurrency'], 8),
    recoverySeconds: count('recovery-seconds', values['recovery-seconds'], 2),
    skipExperiments: values['skip-experiments'],
    profile: values.profile,
    out: values.out,
  }
}
