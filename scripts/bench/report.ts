/** The results of `npm run bench:server`: the goals of issue 3 computed from them, and the printed table. */
import type { ProfileShare } from './cpu-profile-summary.js'
import type { Machine } from './machine.js'
import type { PhaseResult } from './phases.js'
import type { RecoveryRate } from './recovery-rate.js'

const RECOVERIES_PER_BINDING = 2 // the avatar's extra.signature and the wallet's (§6.4)
const READ_P99_TARGET_MS = 10

export type WritePhases = { proof: PhaseResult; kv: PhaseResult }

export type BenchResults = {
  date: string
  options: Record<string, unknown>
  machine: Machine
  recovery: { rates: RecoveryRate[]; nativeError: string | null }
  seed: { rows: number; seconds: number }
  writes: WritePhases
  reads: PhaseResult
  /** The same writes on other server set-ups: the noble fallback, two processes. */
  experiments: (WritePhases & { name: string })[]
  /** With --profile: the server's CPU by area during the write loads. */
  profiles: { name: string; file: string; phases: WritePhases; areas: ProfileShare[] }[]
  goals: Goals
}

export type Goals = ReturnType<typeof computeGoals>

/** Issue 3: bindings ≥ 50 % of (native recoveries/s ÷ recoveries per request); reads p99 < 10 ms. */
export function computeGoals(rates: readonly RecoveryRate[], proof: PhaseResult, reads: PhaseResult) {
  const nativeOpsPerSecond = rates.find((rate) => rate.name.startsWith('native'))?.opsPerSecond ?? Number.NaN
  const writeTargetPerSecond = (nativeOpsPerSecond / RECOVERIES_PER_BINDING) * 0.5
  return {
    nativeOpsPerSecond,
    recoveriesPerBinding: RECOVERIES_PER_BINDING,
    writeTargetPerSecond,
    writeMeasuredPerSecond: proof.perSecond,
    writeMet: proof.perSecond >= writeTargetPerSecond,
    readP99TargetMs: READ_P99_TARGET_MS,
    readP99Ms: reads.p99Ms,
    readMet: reads.p99Ms < READ_P99_TARGET_MS,
  }
}

/** Prints the machine, the figures and the verdicts to stdout. */
export function printReport(results: BenchResults): void {
  const { machine, goals } = results
  const out = (line = '') => console.log(line)
  out(`machine     ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`)
  out(`software    Node ${machine.node}, PostgreSQL ${machine.postgres} (fsync off, throwaway cluster)`)
  out(`load avg    ${machine.loadAverageAtStart.toFixed(2)} at start`)
  out()
  out('secp256k1 public-key recovery, one core')
  for (const rate of results.recovery.rates)
    out(`  ${rate.name.padEnd(42)} ${fixed(rate.opsPerSecond, 0).padStart(8)} /s`)
  if (results.recovery.nativeError) out(`  native libsecp256k1 unavailable: ${results.recovery.nativeError}`)
  out()
  out(
    `${'phase'.padEnd(44)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  CPU ms/req: server (kernel) | postgres | generator | rest of machine; machine busy`,
  )
  const row = (label: string, phase: PhaseResult) => {
    const cpu = phase.cpuMsPerRequest
    const cpuText = cpu
      ? `${fixed(cpu.server, 2)} (${fixed(cpu.serverKernel, 2)}) | ${fixed(cpu.postgres, 2)} | ${fixed(cpu.generator, 2)} | ${fixed(cpu.machine - cpu.server - cpu.postgres - cpu.generator, 2)}; ${fixed((cpu.machine * phase.perSecond) / 10 / machine.cores, 0)} %`
      : 'n/a'
    out(
      `${label.padEnd(44)} ${fixed(phase.perSecond, 0).padStart(7)} ${fixed(phase.p50Ms, 1).padStart(7)} ${fixed(phase.p99Ms, 1).padStart(7)}  ${cpuText}`,
    )
  }
  const { writes, reads, experiments } = results
  row(`POST /v1/proof ethereum ×${writes.proof.requests} c=${writes.proof.concurrency}`, writes.proof)
  row(`POST /v1/kv nextid ×${writes.kv.requests} c=${writes.kv.concurrency}`, writes.kv)
  row(
    `GET /v1/proof, ${results.seed.rows.toLocaleString('en')} rows, ${fixed(reads.seconds, 0)} s c=${reads.concurrency}`,
    reads,
  )
  for (const experiment of experiments) {
    out(`experiment: ${experiment.name}`)
    row('  POST /v1/proof', experiment.proof)
    row('  POST /v1/kv', experiment.kv)
  }
  for (const profile of results.profiles) {
    out()
    out(`server CPU profile, ${profile.name}, binding + KV loads (${profile.file})`)
    for (const area of profile.areas) {
      const share = Number.isNaN(area.share) ? '' : `${fixed(area.share * 100, 1)} %`
      out(`  ${area.area.padEnd(40)} ${fixed(area.ms, 0).padStart(7)} ms ${share.padStart(7)}`)
    }
  }
  out()
  out(
    `write goal  native ${fixed(goals.nativeOpsPerSecond, 0)}/s ÷ ${goals.recoveriesPerBinding} × 50 % = ${fixed(goals.writeTargetPerSecond, 0)} bindings/s; measured ${fixed(goals.writeMeasuredPerSecond, 0)}/s: ${goals.writeMet ? 'MET' : 'NOT MET'}`,
  )
  out(
    `read goal   p99 < ${goals.readP99TargetMs} ms; measured ${fixed(goals.readP99Ms, 2)} ms: ${goals.readMet ? 'MET' : 'NOT MET'}`,
  )
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a'
}
