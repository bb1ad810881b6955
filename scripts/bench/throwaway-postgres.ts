/**
 * A throwaway PostgreSQL cluster for one benchmark run, started and removed by the test scripts
 * (scripts/postgres-for-tests.sh and postgres-stop.sh) in a directory of our own, so the
 * postmaster's pid can be read for CPU accounting.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SCRIPTS = join(import.meta.dirname, '..')

export type ThrowawayPostgres = {
  url: string
  postmasterPid: number | null
  /** Stops the cluster and deletes its directory; safe to call twice. */
  stop(): void
}

/** Starts a cluster (installing Debian's postgresql first when root and it is missing). */
export function startThrowawayPostgres(): ThrowawayPostgres {
  const dir = mkdtempSync(join(tmpdir(), 'nextid-pg-test.bench-'))
  const stopScript = () =>
    execFileSync('bash', [join(SCRIPTS, 'postgres-stop.sh'), dir], { stdio: ['ignore', 'ignore', 'inherit'] })
  let output: string
  try {
    output = execFileSync('bash', [join(SCRIPTS, 'postgres-for-tests.sh'), dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
  } catch (error) {
    // Given a directory, the start script leaves it behind on failure: clean it up here.
    try {
      stopScript()
    } catch {}
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  let stopped = false
  return {
    url: output.trim().split('\n').at(-1) ?? '',
    postmasterPid: readPostmasterPid(dir),
    stop() {
      if (stopped) return
      stopped = true
      stopScript()
    },
  }
}

function readPostmasterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}
