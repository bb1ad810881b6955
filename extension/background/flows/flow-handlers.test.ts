/**
 * Binding flows through the popup handlers against a REAL local ProofService (startServer on
 * PGlite) whose validators read the e2e platform simulator over HTTP: DNS end to end, and a tweet
 * that appears only after the first attempt.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { bootBackground, localServicesPerFile } from './test-flow-context.js'

const TWITTER_USER = { id: '1467726470533754880', username: 'Alice_NextID' }

const services = localServicesPerFile()
beforeAll(() => {
  services.simulator.state.twitter.addUser(TWITTER_USER)
})

/** One service worker over fresh in-memory storage, its avatar unlocked and pointed at the local server. */
async function boot() {
  const { api } = await bootBackground({ server: services.server, retryDelaysMs: [200, 400, 800, 1_600] })
  return api
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('binding flows against a real ProofService', () => {
  it('binds a domain over DNS: start → publish the TXT record → submit → done, then listed', async () => {
    const api = await boot()
    const started = await api.startBinding({ platform: 'dns', identity: 'Flows.Example' })
    expect(started).toMatchObject({ step: 'publish', identity: 'flows.example', needsProofLocation: false })
    expect(started.publishHint).toBe('Add this TXT record to flows.example.')
    services.simulator.state.dns.addTxt('flows.example', started.postText)
    const done = await api.submitBinding({ flowId: started.id, proofLocation: '' })
    expect(done).toMatchObject({ step: 'done', attempts: 1, error: '' })
    const bindings = await api.getBindings(undefined)
    expect(bindings).toEqual([expect.objectContaining({ platform: 'dns', identity: 'flows.example', isValid: true })])
    expect((await api.getFlows(undefined)).map((flow) => flow.step)).toEqual(['done'])
  })

  it('waits for a tweet that appears only after the first attempt, without a second post', async () => {
    const api = await boot()
    const started = await api.startBinding({ platform: 'twitter', identity: 'Alice_NextID' })
    const tweetId = '1790000000000000042'
    const waiting = await api.submitBinding({
      flowId: started.id,
      proofLocation: `https://x.com/Alice_NextID/status/${tweetId}`,
    })
    expect(waiting).toMatchObject({ step: 'submit', attempts: 1 })
    expect(waiting.error).toContain(`tweet not found: ${tweetId}`)
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
})
