/**
 * CPU time spent by each side of a benchmark phase — the server process, PostgreSQL (postmaster
 * and all its backends) and the load generator itself — read from /proc, so the figures say where
 * a request's time goes on a machine whose cores all three share. Linux only; elsewhere null.
 */
import { readdirSync, readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ, 100 on every Linux this runs on

export type CpuSnapshot = {
  server: number
  /** The part of `server` spent in the kernel (system calls: sockets to clients and to PostgreSQL). */
  serverKernel: number
  postgres: number
  generator: number
  /**
   * Busy time of the whole machine, all cores (/proc/stat: everything but idle and iowait): what
   * the three above leave out — interrupts, kernel threads, other processes — is the rest.
   */
  machine: number
}

/** A reading to take differences of: PostgreSQL per process, since backends come and go. */
export type CpuReading = Omit<CpuSnapshot, 'postgres'> & { postgres: Map<number, number> }

/** CPU seconds so far of the server processes, of PostgreSQL under `postmasterPid`, and of this process. */
export function readCpu(serverPids: readonly number[], postmasterPid: number | null): CpuReading | null {
  const stats = serverPids.map(readStat)
  if (stats.some((stat) => stat === null)) return null
  const sum = (pick: (stat: Stat) => number) => (stats as Stat[]).reduce((total, stat) => total + pick(stat), 0)
  const server = sum((stat) => stat.utime + stat.stime) / TICKS_PER_SECOND
  const serverKernel = sum((stat) => stat.stime) / TICKS_PER_SECOND
  const postgres = postmasterPid === null ? new Map<number, number>() : treeSeconds(postmasterPid)
  const own = process.cpuUsage()
  return { server, serverKernel, postgres, generator: (own.user + own.system) / 1e6, machine: machineBusySeconds() }
}

/** CPU seconds spent between two readings. */
export function cpuBetween(before: CpuReading | null, after: CpuReading | null): CpuSnapshot | null {
  if (!before || !after) return null
  let postgres = 0
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0)
  return {
    server: after.server - before.server,
    serverKernel: after.serverKernel - before.serverKernel,
    postgres,
    generator: after.generator - before.generator,
    machine: after.machine - before.machine,
  }
}

// The first line of /proc/stat: `cpu  user nice system idle iowait irq softirq steal …` in ticks.
function machineBusySeconds(): number {
  let line = ''
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
  } catch {
    return Number.NaN
  }
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number)
  const [user, nice, system, , , irq, softirq, steal] = ticks as number[]
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND
}

// Per process: a backend that exits during a phase (an idle pooled connection closing) must not
// take its earlier CPU time out of the sum. Its own time within the phase is lost, which for an
// idle connection is nothing.
function treeSeconds(rootPid: number): Map<number, number> {
  const seconds = new Map<number, number>()
  for (const name of safeReaddir('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = readStat(Number(name))
    if (stat && (Number(name) === rootPid || stat.ppid === rootPid)) {
      seconds.set(Number(name), (stat.utime + stat.stime) / TICKS_PER_SECOND)
    }
  }
  return seconds
}

type Stat = { ppid: number; utime: number; stime: number }

function readStat(pid: number): Stat | null {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its `)`.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return { ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path)
  } catch {
    return []
  }
}
