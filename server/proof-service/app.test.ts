import { describe, expect, it } from 'vitest'
import { createRecordingLogger } from '../http/test-app.js'
import { testDeps } from '../test-deps.js'
import { createProofServiceApp } from './app.js'

describe('ProofService app', () => {
  it('GET /healthz answers in the reference shape with a sorted platform list (§4.3, §15 #27)', async () => {
    const app = createProofServiceApp({ ...testDeps(), platforms: ['twitter', 'dns', 'github'] })
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.text()).toBe(
      '{"hello":"proof service","runtime":"standalone","platforms":["dns","github","twitter"],' +
        '"environment":"test","revision":"0123456789abcdef0123456789abcdef01234567","built_at":"1700000000"}',
    )
  })

  it('lists no platforms until validators are registered', async () => {
    const res = await createProofServiceApp({ ...testDeps(), platforms: [] }).request('/healthz')
    expect(await res.json()).toMatchObject({ platforms: [] })
  })

  it('answers unknown paths with JSON 404 and logs as proof-service', async () => {
    const logger = createRecordingLogger('server')
    const app = createProofServiceApp({ ...testDeps({ logger }), platforms: [] })
    const res = await app.request('/v1/proof_chain/changes')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ message: 'not found' })
    expect(logger.lines).toEqual([
      expect.objectContaining({ service: 'proof-service', path: '/v1/proof_chain/changes', status: 404 }),
    ])
  })
})
