import { describe, expect, it } from 'vitest'
import { createRecordingLogger } from '../../test/support/server/http/test-app.js'
import { testDeps } from '../../test/support/server/test-deps.js'
import { createKvServiceApp } from './app.js'

const deps = (logger = createRecordingLogger('server')) => ({
  ...testDeps({ logger }),
  proofServiceUrl: 'http://127.0.0.1:8787',
})

describe('KVService app', () => {
  it('GET /healthz answers in the reference shape (§9.1)', async () => {
    const res = await createKvServiceApp(deps()).request('/healthz')
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.text()).toBe(
      '{"hello":"kv server","build_at":"1700000000","commit_version":"0123456789abcdef0123456789abcdef01234567"}',
    )
  })

  it('answers unknown paths with plain-text 404 "Not Found", CORS included, and logs as kv-service', async () => {
    const logger = createRecordingLogger('server')
    const res = await createKvServiceApp(deps(logger)).request('/v1/kv/unknown')
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('Not Found')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(logger.lines).toEqual([expect.objectContaining({ service: 'kv-service', status: 404 })])
  })

  it('answers a preflight on a KV path with 204', async () => {
    const res = await createKvServiceApp(deps()).request('/v1/kv', { method: 'OPTIONS' })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
  })
})
