/**
 * The server's validators against the platform registry (issue 11): every platform the server
 * validates has every fact the clients need in src/platforms, and /healthz lists exactly the
 * configured validators.
 */
import { describe, expect, it } from 'vitest'
import { isPlatform, normalizeIdentity, platformSpec, REGISTERED_PLATFORMS } from '../../src/platforms/index.js'
import { createPlatformSimulator, IN_PROCESS_URL } from '../../test/platform-simulator/index.js'
import { testDeps } from '../../test/support/server/test-deps.js'
import { loadConfig } from '../config.js'
import { createProofServiceApp } from '../proof-service/app.js'
import { createProofServiceRuntime } from '../proof-service/proof-service-runtime.js'
import { createValidators } from './index.js'
import type { Validator } from './validator.js'

const defaultValidators = createValidators(loadConfig({ LOG_LEVEL: 'silent' }))
const allConfigured = () =>
  createValidators({
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    platforms: createPlatformSimulator().configFor(IN_PROCESS_URL),
  })

const TEMPLATE_FIELDS = {
  typed: 'Alice',
  identity: 'alice',
  avatar: '0x02d7c5e01bedf1c993f40ec302d9bf162620daea93a7155cd9a8019ae3a2c2a476',
  uuid: '353449e5-2ec8-4e7c-a5ae-a4df5ec24a4a',
  createdAt: '1700000000',
  prev: null,
  signPayload: '{"action":"create"}',
}

// The app as app.test.ts builds it: testDeps() and the runtime over `validators`.
const healthzPlatforms = async (validators: readonly Validator[]) => {
  const deps = testDeps()
  const app = createProofServiceApp({ ...deps, ...createProofServiceRuntime(deps, validators) })
  const body = (await (await app.request('/healthz')).json()) as { platforms: string[] }
  return body.platforms
}

describe('validators and the platform registry', () => {
  it('validates exactly the registered platforms, one validator each, in registry order', () => {
    expect(defaultValidators.map((validator) => validator.platform)).toEqual(REGISTERED_PLATFORMS)
  })

  it('has every fact in the registry for each platform the server validates', () => {
    for (const { platform } of defaultValidators) {
      expect(isPlatform(platform), platform).toBe(true)
      const spec = platformSpec(platform)
      expect(spec.id).toBe(platform)
      expect(spec.registered, platform).toBe(true)
      expect(['post', 'wallet'], platform).toContain(spec.kind)
      expect(spec.name, platform).not.toBe('')
      expect(spec.bindingLabel, platform).not.toBe('')
      expect(spec.badge.letter, platform).toHaveLength(1)
      expect(spec.badge.color, platform).toMatch(/^#[0-9a-f]{6}$/)
      expect(spec.identity.example, platform).not.toBe('')
      expect(spec.identity.check(spec.identity.example), platform).toBeUndefined()
      expect(() => normalizeIdentity(platform, spec.identity.example), platform).not.toThrow()
      if (spec.kind === 'wallet') {
        expect(spec.post, platform).toBeNull()
        continue
      }
      const post = spec.post
      expect(post, platform).not.toBeNull()
      if (post === null) continue
      expect(post.medium, platform).not.toBe('')
      const content = post.template(TEMPLATE_FIELDS)
      expect(content.default, platform).toBeTypeOf('string')
      for (const language of post.languages) expect(content[language], `${platform} ${language}`).toBeTypeOf('string')
      if (post.proofLocation !== null) {
        expect(post.proofLocation.parse(post.proofLocation.example, 'proof_location'), platform).not.toBe('')
      }
      expect(post.publishUrl('text'), platform).toBeTypeOf('string')
      for (const origin of post.helperOrigins) expect(origin, platform).toMatch(/^https:\/\/[a-z0-9.-]+$/)
      expect(post.patienceMs, platform).toBeGreaterThan(0)
    }
  })

  it('lists the configured validators at /healthz, sorted', async () => {
    const configured = defaultValidators.filter((validator) => validator.isConfigured).map((v) => v.platform)
    expect(await healthzPlatforms(defaultValidators)).toEqual([...configured].sort())
    // Every platform configured (the simulator's settings): /healthz lists every registered platform.
    expect(await healthzPlatforms(allConfigured())).toEqual([...REGISTERED_PLATFORMS].sort())
  })
})
