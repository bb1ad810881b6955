import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestPostgres, TEST_DATABASE_URL } from '../test/support/server/db/test-databases.js'
import { TEST_BUILD } from '../test/support/server/test-deps.js'
import { type Env, loadConfig } from './config.js'
import { MIGRATIONS } from './db/migrations.js'
import { configuredPlatforms, validatorMap } from './proof-service/app.js'
import { type ServerHandles, startServer } from './start-server.js'
import { createValidators } from './validators/index.js'

const PROOF_HEALTHZ = {
  hello: 'proof service',
  runtime: 'standalone',
  // The platforms configured by default: those that need no token.
  platforms: configuredPlatforms(validatorMap(createValidators(loadConfig({})))),
  environment: 'test',
  revision: TEST_BUILD.revision,
  built_at: TEST_BUILD.builtAt,
}
const KV_HEALTHZ = { hello: 'kv server', build_at: TEST_BUILD.builtAt, commit_version: TEST_BUILD.revision }

describe('startServer', () => {
  let dataDir: string
  let running: ServerHandles[] = []
  const start = async (env: Env) => {
    const config = loadConfig({
      PROOF_PORT: '0',
      KV_PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      ...env,
    })
    const handles = await startServer(config, { build: TEST_BUILD })
    running.push(handles)
    return handles
  }
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nextid-server-'))
  })
  afterEach(async () => {
    await Promise.all(running.map((handles) => handles.stop()))
    running = []
    await rm(dataDir, { recursive: true, force: true })
  })

  it('serves both services over HTTP on free ports, then stops and refuses connections', async () => {
    const server = await start({})
    expect(server.proofServiceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.kvServiceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const proof = await fetch(`${server.proofServiceUrl}/healthz`)
    expect(proof.headers.get('access-control-allow-origin')).toBe('*')
    expect(await proof.json()).toEqual(PROOF_HEALTHZ)
    expect(await (await fetch(`${server.kvServiceUrl}/healthz`)).json()).toEqual(KV_HEALTHZ)
    const missing = await fetch(`${server.kvServiceUrl}/nope`)
    expect([missing.status, missing.headers.get('access-control-allow-origin'), await missing.text()]).toEqual([
      404,
      '*',
      'Not Found',
    ])
    const preflight = await fetch(`${server.kvServiceUrl}/v1/kv`, { method: 'OPTIONS' })
    expect([preflight.status, preflight.headers.get('access-control-allow-methods')]).toEqual([
      204,
      'GET, POST, OPTIONS',
    ])
    await server.stop()
    await expect(fetch(`${server.proofServiceUrl}/healthz`)).rejects.toThrow()
    await expect(server.db.query('SELECT 1')).rejects.toThrow()
    await server.stop()
  })

  it('keeps its data when restarted on the same DATA_DIR', async () => {
    const first = await start({})
    await first.db.query(
      `INSERT INTO kv (avatar, platform, identity, content) VALUES ('0x02aa', 'nextid', 'x', '{"k":1}')`,
    )
    await first.stop()
    const second = await start({})
    expect(await second.db.query('SELECT content FROM kv')).toEqual([{ content: { k: 1 } }])
    expect(await second.db.query('SELECT version FROM schema_migrations')).toEqual(
      MIGRATIONS.map((_, index) => ({ version: index + 1 })),
    )
  })

  it('runs either service alone', async () => {
    const kvOnly = await start({ PROOF_PORT: 'off', PROOF_SERVICE_URL: 'https://proof-service.next.id' })
    expect(kvOnly.proofServiceUrl).toBeNull()
    expect(await (await fetch(`${kvOnly.kvServiceUrl}/healthz`)).json()).toEqual(KV_HEALTHZ)
    await kvOnly.stop()
    const proofOnly = await start({ KV_PORT: 'off' })
    expect(proofOnly.kvServiceUrl).toBeNull()
    expect(await (await fetch(`${proofOnly.proofServiceUrl}/healthz`)).json()).toEqual(PROOF_HEALTHZ)
  })

  it('lets a request in flight finish while stopping', async () => {
    const server = await start({})
    const url = new URL(`${server.proofServiceUrl}/v1/proof`)
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let body = ''
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.write('{"action":')
      // The body is still arriving when stop() begins; it must still be answered.
      setTimeout(() => req.end('"create"}'), 300)
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const stopped = server.stop()
    expect(await answer).toEqual({ status: 400, body: '{"message":"param invalid"}' })
    await stopped
  })

  it('fails cleanly when a port is taken, releasing the database', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      await expect(start({ KV_PORT: String(port) })).rejects.toMatchObject({ code: 'EADDRINUSE' })
      const retry = await start({})
      expect(await retry.db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }])
    } finally {
      blocker.close()
    }
  })

  it.skipIf(!TEST_DATABASE_URL)('runs on PostgreSQL when DATABASE_URL is set', async () => {
    const database = await openTestPostgres()
    try {
      const server = await start({ DATABASE_URL: database.location })
      expect(server.db.kind).toBe('postgres')
      expect(await (await fetch(`${server.proofServiceUrl}/healthz`)).json()).toEqual(PROOF_HEALTHZ)
      expect(await database.db.query('SELECT version FROM schema_migrations')).toEqual(
        MIGRATIONS.map((_, index) => ({ version: index + 1 })),
      )
      await server.stop()
    } finally {
      await database.dispose()
    }
  })
})
