/**
 * Revoking where the service wants a new proof (§7.2, §15 #11), through the popup handlers against
 * a REAL local ProofService on PGlite whose validators read the e2e platform simulator. Our server
 * accepts the avatar's signature alone, so the fetch in front of it plays Next.ID's reference: a
 * DNS delete passes only when a TXT record signed over the DELETE payload is published, otherwise
 * 400 with a {"message"} body. The plain revoke is refused → REVOKE_NEEDS_PROOF → a delete flow
 * with the new record → the binding is gone.
 */
import { describe, expect, it } from 'vitest'
import type { FetchFunction } from '../../../src/client/index.js'
import { bootBackground, localServicesPerFile, waitForFlow } from '../../../test/support/extension/flow-context.js'
import { withReferenceBehaviour } from '../../../test/support/reference-double.js'
import type { BindingFlow } from '../../messaging/catalogue.js'

const services = localServicesPerFile()
const refused: string[] = []

/**
 * Next.ID's reference in front of our server: a DNS delete needs a TXT record with this uuid whose
 * sig is the submitted signature (its validator re-fetches the proof for deletes, §7.2).
 */
const referenceLikeFetch: FetchFunction = async (input, init) => {
  const url = new URL(String(input))
  if (url.pathname === '/v1/proof' && init?.method === 'POST') {
    const body = JSON.parse(String(init.body)) as { action: string; platform: string; identity: string; uuid: string }
    const signature = (JSON.parse(String(init.body)) as { extra?: { signature?: string } }).extra?.signature ?? ''
    if (body.action === 'delete' && body.platform === 'dns') {
      const records = (services.simulator.state.dns.txt(body.identity) ?? []).map((strings) => strings.join(''))
      const published = records.some(
        (record) => record.includes(`uuid:${body.uuid}`) && record.includes(`sig:${signature}`),
      )
      if (!published) {
        refused.push(body.uuid)
        const message = `no Next.ID TXT record for uuid ${body.uuid} at ${body.identity}`
        return new Response(JSON.stringify({ message }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        })
      }
    }
  }
  return fetch(input, init)
}

async function boot(serviceFetch: FetchFunction = referenceLikeFetch, privateKey?: string) {
  refused.length = 0
  const done: BindingFlow[] = []
  const { api } = await bootBackground({
    server: services.server,
    fetch: serviceFetch,
    ...(privateKey ? { privateKey } : {}),
    retryDelaysMs: [200, 400, 800, 1_600],
    onDone: (flow) => done.push(flow),
  })
  return { api, done }
}

const SERVICES = [
  { name: 'our server', fetch: referenceLikeFetch, DOMAIN: 'revoke-flow.example', key: undefined },
  {
    name: 'the reference-behaviour double',
    fetch: withReferenceBehaviour(referenceLikeFetch),
    DOMAIN: 'revoke-ref.example',
    key: '5a'.repeat(32),
  },
]

describe.each(SERVICES)('revoking through $name', ({ fetch: serviceFetch, DOMAIN, key }) => {
  describe('revoking with a new proof when the service refuses the avatar signature alone', () => {
    it('falls back from the plain revoke to a delete flow that completes once the new TXT record is published', async () => {
      const { api, done } = await boot(serviceFetch, key)
      const bound = await api.startBinding({ platform: 'dns', identity: DOMAIN })
      services.simulator.state.dns.addTxt(DOMAIN, bound.postText)
      expect(await api.submitBinding({ flowId: bound.id, proofLocation: '' })).toMatchObject({ step: 'done' })
      await api.clearFlow({ flowId: bound.id })

      // 1. The plain avatar-signed revoke: refused by the service with a 400 → a typed, actionable error.
      const prepared = await api.prepareRevoke({ platform: 'dns', identity: DOMAIN })
      await expect(api.confirmRevoke({ requestId: prepared.requestId })).rejects.toMatchObject({
        code: 'REVOKE_NEEDS_PROOF',
        message: expect.stringMatching(/^the service wants a new dns proof signed over the revoke: /),
      })
      expect(refused).toHaveLength(1)
      expect(await api.getBindings(undefined)).toEqual([expect.objectContaining({ platform: 'dns', identity: DOMAIN })])

      // 2. The delete flow: a record signed over the DELETE payload, found by the domain (no location).
      const revoking = await api.startRevokeFlow({ platform: 'dns', identity: DOMAIN })
      expect(revoking).toMatchObject({ action: 'delete', step: 'publish', needsProofLocation: false, identity: DOMAIN })
      expect(revoking.postText).toMatch(/^ps:true;v:1;sig:[A-Za-z0-9+/]{87}=;ca:\d+;uuid:[0-9a-f-]{36};prev:\S+$/)
      expect(revoking.postText).not.toBe(bound.postText)

      // Submitted before it is published: the service refuses, the flow waits and retries by itself.
      const waiting = await api.submitBinding({ flowId: revoking.id, proofLocation: '' })
      expect(waiting).toMatchObject({
        step: 'submit',
        attempts: 1,
        status: { code: 'not-accepted-yet', serviceMessage: expect.any(String) },
      })
      services.simulator.state.dns.addTxt(DOMAIN, revoking.postText)
      const finished = await waitForFlow(api, revoking.id, (flow) => flow.step === 'done', 'reached done')
      expect(finished.attempts).toBeGreaterThanOrEqual(2)
      expect(refused).toHaveLength(2)

      expect(await api.getBindings(undefined)).toEqual([])
      const chain = await api.getProofChain(undefined)
      expect(chain.links.map((link) => [link.action, link.platform, link.status])).toEqual([
        ['create', 'dns', 'verified'],
        ['delete', 'dns', 'verified'],
      ])
      expect(done.map((flow) => [flow.action, flow.identity])).toEqual([
        ['create', DOMAIN],
        ['delete', DOMAIN],
      ])
    })

    it('refuses a delete flow where no new proof is needed or the input is bad, storing nothing', async () => {
      const { api } = await boot(serviceFetch, key)
      await expect(api.startRevokeFlow({ platform: 'twitter', identity: 'alice' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('expected one of keybase, dotbit, minds, dns, steam, activitypub'),
      })
      await expect(api.startRevokeFlow({ platform: 'dns', identity: '' })).rejects.toMatchObject({
        code: 'INVALID_IDENTITY',
        rule: 'empty',
      })
      await expect(api.startRevokeFlow(['dns'] as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      expect(await api.getFlows(undefined)).toEqual([])
    })
  })
})

/** A service in front of which the network can be cut: every request fails as a browser's fetch does. */
function cuttable(inner: FetchFunction) {
  const network = { down: false }
  const fetchThrough: FetchFunction = async (input, init) => {
    if (network.down) throw new TypeError('Failed to fetch')
    return inner(input, init)
  }
  return { network, fetch: fetchThrough }
}

const PLAIN_SERVICES = [
  // Each its own avatars (keys of repeated hex pairs) on the one server, so the chains do not meet.
  {
    name: 'our server',
    wrap: (inner: FetchFunction) => inner,
    DOMAIN: 'revoke-engine.example',
    keys: ['6b', '6c', '6d'],
  },
  {
    name: 'the reference-behaviour double',
    wrap: withReferenceBehaviour,
    DOMAIN: 'revoke-engine-ref.example',
    keys: ['7b', '7c', '7d'],
  },
]

describe.each(PLAIN_SERVICES)('a confirmed revoke in the flow engine, through $name', ({ wrap, DOMAIN, keys }) => {
  const key = (index: number) => (keys[index] ?? '').repeat(32)
  async function bound(domain: string, api: Awaited<ReturnType<typeof boot>>['api']) {
    const flow = await api.startBinding({ platform: 'dns', identity: domain })
    services.simulator.state.dns.addTxt(domain, flow.postText)
    expect(await api.submitBinding({ flowId: flow.id, proofLocation: '' })).toMatchObject({ step: 'done' })
    await api.clearFlow({ flowId: flow.id })
  }

  it('done at once leaves no flow behind', async () => {
    const { api } = await boot(wrap(fetch), key(0))
    await bound(DOMAIN, api)
    const prepared = await api.prepareRevoke({ platform: 'dns', identity: DOMAIN })
    const revoked = await api.confirmRevoke({ requestId: prepared.requestId })
    expect(revoked).toMatchObject({ kind: 'revoke', signer: 'avatar', step: 'done', attempts: 1, status: null })
    expect(await api.getFlows(undefined)).toEqual([])
    expect(await api.getBindings(undefined)).toEqual([])
    // The prepared request became the flow: it cannot be confirmed twice.
    await expect(api.confirmRevoke({ requestId: prepared.requestId })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('waits out a service that went down after the user confirmed, then completes without the user', async () => {
    const cut = cuttable(wrap(fetch))
    const { api, done } = await boot(cut.fetch, key(1))
    await bound(`down.${DOMAIN}`, api)
    const prepared = await api.prepareRevoke({ platform: 'dns', identity: `down.${DOMAIN}` })
    cut.network.down = true
    const waiting = await api.confirmRevoke({ requestId: prepared.requestId })
    expect(waiting).toMatchObject({ step: 'submit', attempts: 1, status: { code: 'service-unreachable' } })
    expect(waiting.nextAttemptAt).not.toBeNull()
    cut.network.down = false
    const finished = await waitForFlow(api, waiting.id, (flow) => flow.step === 'done', 'reached done')
    expect(finished).toMatchObject({ kind: 'revoke', status: null })
    expect(await api.getBindings(undefined)).toEqual([])
    expect(done.map((flow) => [flow.kind, flow.action, flow.identity])).toContainEqual([
      'revoke',
      'delete',
      `down.${DOMAIN}`,
    ])
  })

  it('signs a fresh delete payload by itself when the chain moved between prepare and confirm', async () => {
    const { api } = await boot(wrap(fetch), key(2))
    await bound(`moved.${DOMAIN}`, api)
    const prepared = await api.prepareRevoke({ platform: 'dns', identity: `moved.${DOMAIN}` })
    await bound(`other.${DOMAIN}`, api) // another link lands on the chain first
    const confirmed = await api.confirmRevoke({ requestId: prepared.requestId })
    expect(confirmed).toMatchObject({ kind: 'revoke', step: 'submit', attempts: 1 })
    await waitForFlow(api, confirmed.id, (flow) => flow.step === 'done', 'reached done')
    expect(await api.getBindings(undefined)).toEqual([
      expect.objectContaining({ platform: 'dns', identity: `other.${DOMAIN}` }),
    ])
    const chain = await api.getProofChain(undefined)
    expect(chain.links.map((link) => [link.action, link.identity, link.status])).toEqual([
      ['create', `moved.${DOMAIN}`, 'verified'],
      ['create', `other.${DOMAIN}`, 'verified'],
      ['delete', `moved.${DOMAIN}`, 'verified'],
    ])
  })
})

describe('getPlatforms', () => {
  it("lists what the local service's /healthz verifies that the extension binds", async () => {
    const { api } = await boot()
    const platforms = await api.getPlatforms(undefined)
    expect(platforms.slice(0, 4)).toEqual([
      { platform: 'twitter', kind: 'post' },
      { platform: 'github', kind: 'post' },
      { platform: 'ethereum', kind: 'wallet' },
      { platform: 'solana', kind: 'wallet' },
    ])
    expect(platforms.map((entry) => entry.platform)).toContain('dns')
  })

  it('says when the ProofService cannot be reached', async () => {
    const { api } = await boot()
    await api.updateSettings({
      endpoints: { proofServiceUrl: 'http://127.0.0.1:9', kvServiceUrl: 'http://127.0.0.1:1' },
    })
    await expect(api.getPlatforms(undefined)).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
  })
})
