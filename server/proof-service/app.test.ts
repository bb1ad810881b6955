import { describe, expect, it } from 'vitest'
import { createRecordingLogger } from '../../test/support/server/http/test-app.js'
import { payloadOnlyValidator } from '../../test/support/server/proof-service/test-bindings.js'
import { testDeps } from '../../test/support/server/test-deps.js'
import type { Validator } from '../validators/validator.js'
import { createProofServiceApp } from './app.js'
import { createProofServiceRuntime } from './proof-service-runtime.js'

const appWith = (validators: readonly Validator[], deps = testDeps()) =>
  createProofServiceApp({ ...deps, ...createProofServiceRuntime(deps, validators) })

describe('ProofService app', () => {
  it('GET /healthz answers in the reference shape with the configured platforms sorted (§4.3, §15 #23 #27)', async () => {
    const unconfigured = { ...payloadOnlyValidator('discord'), isConfigured: false }
    const app = appWith([
      payloadOnlyValidator('twitter'),
      payloadOnlyValidator('dns'),
      unconfigured,
      payloadOnlyValidator('github'),
    ])
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await res.text()).toBe(
      '{"hello":"proof service","runtime":"standalone","platforms":["dns","github","twitter"],' +
        '"environment":"test","revision":"0123456789abcdef0123456789abcdef01234567","built_at":"1700000000"}',
    )
  })

  it('lists no platforms without validators', async () => {
    const res = await appWith([]).request('/healthz')
    expect(await res.json()).toMatchObject({ platforms: [] })
  })

  it('answers unknown paths with JSON 404 and logs as proof-service', async () => {
    const logger = createRecordingLogger('server')
    const app = appWith([], testDeps({ logger }))
    const res = await app.request('/v1/proof_chain/changes')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ message: 'not found' })
    expect(logger.lines).toEqual([
      expect.objectContaining({ service: 'proof-service', path: '/v1/proof_chain/changes', status: 404 }),
    ])
  })

  it('answers a CORS preflight on every ProofService path, and allows any origin on errors too', async () => {
    const app = appWith([])
    for (const path of ['/v1/proof', '/v1/proof/payload', '/v1/proofchain', '/v1/proof/restore_pubkey']) {
      const res = await app.request(path, { method: 'OPTIONS', headers: { Origin: 'https://dapp.example' } })
      expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([204, '*'])
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
    }
    const error = await app.request('/v1/proof/payload', { method: 'POST', body: '{}' })
    expect([error.status, error.headers.get('access-control-allow-origin')]).toEqual([400, '*'])
  })
})
