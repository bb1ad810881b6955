/** What the figures were measured on: benchmarks are only comparable on the same machine. */
import os from 'node:os'
import type { Database } from '../../server/db/database.js'

export type Machine = {
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  postgres: string
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverageAtStart: number
}

/** The CPU, memory, OS, Node and PostgreSQL versions of this run. */
export async function describeMachine(db: Database): Promise<Machine> {
  const [row] = await db.query<{ server_version: string }>('SHOW server_version')
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: row?.server_version ?? 'unknown',
    loadAverageAtStart: os.loadavg()[0] ?? 0,
  }
}
