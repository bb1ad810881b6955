import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')

// The real entry point in its own process, as `npm run server` runs it.
function runMain(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; lines: () => string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
  })
  let stdout = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  return { child, lines: () => stdout.split('\n').filter(Boolean) }
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('exit', (code) => resolve({ code, stderr }))
  })

async function waitForLine(lines: () => string[], message: string): Promise<Record<string, string>> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const line = lines().find((text) => text.includes(`"message":"${message}"`))
    if (line) return JSON.parse(line)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no "${message}" line in ${lines().join('\n')}`)
}

describe('server/main.ts', () => {
  let dataDir: string
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nextid-main-'))
  })
  afterEach(() => rm(dataDir, { recursive: true, force: true }))

  it('prints both URLs, serves them, and stops cleanly on SIGTERM', async () => {
    const { child, lines } = runMain({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir })
    const exited = exitOf(child)
    const started = await waitForLine(lines, 'started')
    expect(started).toMatchObject({
      level: 'info',
      service: 'server',
      database: `pglite in ${dataDir}`,
      secp256k1: 'native libsecp256k1 (secp256k1@5)',
    })
    // Which platforms it verifies, and what the others need (no tokens in this environment).
    expect(await waitForLine(lines, 'platforms')).toMatchObject({
      verifiable: expect.arrayContaining(['github', 'dns', 'ethereum']),
      off_until_set: ['twitter: TWITTER_BEARER_TOKEN', 'discord: DISCORD_BOT_TOKEN'],
    })
    const proof = await fetch(`${started.proof_service}/healthz`)
    expect(await proof.json()).toMatchObject({ hello: 'proof service' })
    const kv = await fetch(`${started.kv_service}/healthz`)
    expect(await kv.json()).toMatchObject({ hello: 'kv server' })
    child.kill('SIGTERM')
    expect((await exited).code).toBe(0)
    expect(lines().map((line) => JSON.parse(line).message ?? JSON.parse(line).path)).toEqual([
      'started',
      'platforms',
      '/healthz',
      '/healthz',
      'stopping',
      'stopped',
    ])
    // Closed cleanly: the PGlite folder is unlocked.
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false)
  })

  it('refuses to start with a bad variable, naming it', async () => {
    const { child } = runMain({ PROOF_PORT: 'eighty', DATA_DIR: dataDir })
    const { code, stderr } = await exitOf(child)
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      'invalid configuration: PROOF_PORT expected a port number 0..65535 or "off", got "eighty"',
    )
  })
})
