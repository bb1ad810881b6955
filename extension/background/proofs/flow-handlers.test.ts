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
      const [latest] = await api.getFlows(undefined)
      if (latest?.kind === 'post') flow = latest
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

  describe('on a clock that runs hours ahead', () => {
    const MINUTE = 60_000
    /** A background whose clock the test moves, and whose service can be cut off for a while. */
    async function bootOnClock() {
      const clock = { now: Date.now(), outageUntil: 0 }
      const cut: FetchFunction = (input, init) =>
        clock.now < clock.outageUntil ? Promise.reject(new TypeError('Failed to fetch')) : serviceFetch(input, init)
      const { api, flows } = await bootBackground({
        server: services.server,
        fetch: cut,
        now: () => clock.now,
        retryDelaysMs: [MINUTE],
      })
      /** Moves the clock in steps, waking the engine as the retry alarm would, until `done` holds. */
      const advance = async (stepMs: number, done: () => Promise<boolean>) => {
        for (let i = 0; i < 1_000 && !(await done()); i++) {
          clock.now += stepMs
          await flows.resumeDue()
        }
      }
      const stepOf = async (flowId: string) => (await api.getFlows(undefined)).find((flow) => flow.id === flowId)?.step
      return { api, clock, advance, stepOf }
    }

    it('completes without the user when the record is published 30 minutes after "I\'ve published it"', async () => {
      const { api, clock, advance, stepOf } = await bootOnClock()
      const domain = `late-${suffix}.example`
      const started = await api.startBinding({ platform: 'dns', identity: domain })
      await api.submitBinding({ flowId: started.id, proofLocation: '' })
      const publishAt = clock.now + 30 * MINUTE
      await advance(5 * MINUTE, async () => {
        if (clock.now >= publishAt && !services.simulator.state.dns.txt(domain)) {
          services.simulator.state.dns.addTxt(domain, started.postText)
        }
        return (await stepOf(started.id)) === 'done'
      })
      expect(await stepOf(started.id)).toBe('done')
      expect(clock.now - publishAt).toBeLessThan(10 * MINUTE)
    })

    it('waits out a 10-minute outage in the middle, then completes', async () => {
      const { api, clock, advance, stepOf } = await bootOnClock()
      const domain = `outage-${suffix}.example`
      const started = await api.startBinding({ platform: 'dns', identity: domain })
      await api.submitBinding({ flowId: started.id, proofLocation: '' })
      clock.outageUntil = clock.now + 10 * MINUTE
      services.simulator.state.dns.addTxt(domain, started.postText)
      await advance(2 * MINUTE, async () => clock.now >= clock.outageUntil - 2 * MINUTE)
      expect((await api.getFlows(undefined))[0]).toMatchObject({
        step: 'submit',
        status: { code: 'service-unreachable' },
      })
      await advance(2 * MINUTE, async () => (await stepOf(started.id)) === 'done')
      expect(await stepOf(started.id)).toBe('done')
    })

    it('"Start again" after a 48-hour give-up completes with the record already published, no new signature', async () => {
      const { api, advance, stepOf } = await bootOnClock()
      const domain = `again-${suffix}.example`
      const started = await api.startBinding({ platform: 'dns', identity: domain })
      await api.submitBinding({ flowId: started.id, proofLocation: '' })
      await advance(60 * MINUTE, async () => (await stepOf(started.id)) === 'failed')
      expect((await api.getFlows(undefined))[0]).toMatchObject({ step: 'failed', status: { code: 'gave-up' } })
      // Published late (a slow DNS host); the flow checks the same record again.
      services.simulator.state.dns.addTxt(domain, started.postText)
      const again = await api.restartFlow({ flowId: started.id })
      expect(again).toMatchObject({ step: 'done', postText: started.postText })
    })
  })
})
