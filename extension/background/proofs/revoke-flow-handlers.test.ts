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
