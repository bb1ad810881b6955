/**
 * Binding flows through the popup handlers against a REAL local ProofService (startServer on
 * PGlite) whose validators read the e2e platform simulator over HTTP — once as it answers, once
 * behind the reference-behaviour double (Next.ID's own status codes and words, a moved chain as a
 * plain `bad signature`): DNS end to end, a tweet that appears only after the first attempt, and a
 * chain that moves between signing and submitting.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { FetchFunction } from '../../../src/client/index.js'
import { bootBackground, localServicesPerFile, waitForFlow } from '../../../test/support/extension/flow-context.js'
import { withReferenceBehaviour } from '../../../test/support/reference-double.js'

const TWITTER_USER = { id: '1467726470533754880', username: 'Alice_NextID' }

const services = localServicesPerFile()
beforeAll(() => {
  services.simulator.state.twitter.addUser(TWITTER_USER)
})

const realFetch: FetchFunction = (input, init) => fetch(input, init)
const SERVICES = [
  { name: 'our server', fetch: realFetch, suffix: 'ours' },
  { name: 'the reference-behaviour double', fetch: withReferenceBehaviour(realFetch), suffix: 'reference' },
]

describe.each(SERVICES)('binding flows against $name', ({ fetch: serviceFetch, suffix }) => {
  /** One service worker over fresh in-memory storage, its avatar unlocked and pointed at the local server. */
  async function boot() {
    const { api } = await bootBackground({
      server: services.server,
      fetch: serviceFetch,
      retryDelaysMs: [200, 400, 800, 1_600],
    })
    return api
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  it('binds a domain over DNS: start → publish the TXT record → submit → done, then listed', async () => {
    const api = await boot()
    const domain = `flows-${suffix}.example`
    const started = await api.startBinding({ platform: 'dns', identity: domain.toUpperCase() })
    expect(started).toMatchObject({ step: 'publish', identity: domain, needsProofLocation: false, status: null })
    services.simulator.state.dns.addTxt(domain, started.postText)
    const done = await api.submitBinding({ flowId: started.id, proofLocation: '' })
    expect(done).toMatchObject({ step: 'done', attempts: 1, status: null })
    const bindings = await api.getBindings(undefined)
    expect(bindings).toContainEqual(expect.objectContaining({ platform: 'dns', identity: domain, isValid: true }))
    expect((await api.getFlows(undefined)).map((flow) => flow.step)).toEqual(['done'])
  })

  it('waits for a tweet that appears only after the first attempt, without a second post', async () => {
    const api = await boot()
    const started = await api.startBinding({ platform: 'twitter', identity: 'Alice_NextID' })
    const tweetId = suffix === 'ours' ? '1790000000000000042' : '1790000000000000043'
    const waiting = await api.submitBinding({
      flowId: started.id,
      proofLocation: `https://x.com/Alice_NextID/status/${tweetId}`,
    })
    expect(waiting).toMatchObject({ step: 'submit', attempts: 1, status: { code: 'not-accepted-yet' } })
    // The service's words are only quoted, whichever service says them.
    expect(waiting.status).toMatchObject({ serviceMessage: expect.stringContaining(`tweet not found: ${tweetId}`) })
    services.simulator.state.twitter.publishTweet({ id: tweetId, text: started.postText, authorId: TWITTER_USER.id })
    let flow = waiting
    for (let i = 0; i < 100 && flow.step === 'submit'; i++) {
      await sleep(50)
      flow = (await api.getFlows(undefined))[0] ?? flow
    }
    expect(flow).toMatchObject({ step: 'done', postText: started.postText, proofLocation: tweetId })
    expect(flow.attempts).toBeGreaterThanOrEqual(2)
    const bindings = await api.getBindings(undefined)
    expect(bindings).toContainEqual(
      expect.objectContaining({ platform: 'twitter', identity: 'alice_nextid', isValid: true }),
    )
  })

  it('signs a fresh payload when the chain moved between signing and submitting, and completes', async () => {
    const api = await boot()
    const first = `moved-${suffix}.example`
    const second = `mover-${suffix}.example`
    const started = await api.startBinding({ platform: 'dns', identity: first })
    services.simulator.state.dns.addTxt(first, started.postText)
    // Another binding lands on the same avatar's chain before this one is submitted.
    const other = await api.startBinding({ platform: 'dns', identity: second })
    services.simulator.state.dns.addTxt(second, other.postText)
    expect(await api.submitBinding({ flowId: other.id, proofLocation: '' })).toMatchObject({ step: 'done' })
    const moved = await api.submitBinding({ flowId: started.id, proofLocation: '' })
    expect(moved).toMatchObject({ step: 'publish', status: { code: 'chain-moved' } })
    expect(moved.postText).not.toBe(started.postText)
    services.simulator.state.dns.addTxt(first, moved.postText)
    await api.submitBinding({ flowId: started.id, proofLocation: '' })
    expect(await waitForFlow(api, started.id, (flow) => flow.step === 'done', 'reached done')).toMatchObject({
      status: null,
    })
  })
})
