/**
 * Test helper: the real server entry point (`server/main.ts`) in its own process, as operators run
 * it, so tests can run two of them on one database or kill one with SIGKILL.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')

export type ServerProcess = {
  proofUrl: string
  kvUrl: string
  child: ChildProcessWithoutNullStreams
  /** Resolves when the process has exited (after a kill or a signal). */
  exited: Promise<number | null>
}

/** Starts `server/main.ts` with the given environment on free ports and waits for its "started" line. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    // One test client writes as fast as it can: the per-client limit is not what these tests measure.
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      PROOF_PORT: '0',
      KV_PORT: '0',
      RATE_LIMIT_PER_MINUTE: 'off',
      ...env,
    },
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  for (let waited = 0; waited < 60_000; waited += 50) {
    const line = output.split('\n').find((text) => text.includes('"message":"started"'))
    if (line) {
      const started = JSON.parse(line) as { proof_service: string; kv_service: string }
      return { proofUrl: started.proof_service, kvUrl: started.kv_service, child, exited }
    }
    if (child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start:\n${output}`)
}
