/**
 * The flow state machine over in-memory storage, a scripted ProofService (injected fetch) and real
 * src/vault crypto: success, not visible then success, chain moved, hard failure, restart resume.
 */
import { describe, expect, it } from 'vitest'
import type { FetchFunction } from '../../../src/client/index.js'
import { decodeBase64, getPublicKey, hexToBytes, verifyPersonalSignature } from '../../../src/crypto/index.js'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import { avatarSecretFromPrivateKey } from '../avatar-secrets.js'
import { createAvatarVault } from '../avatar-vault.js'
import { createSettingsStore } from '../settings.js'
import { createMemoryStore } from '../storage-ports.js'
import { createVaultSession } from '../vault-session.js'
import { createBindingFlows } from './binding-flows.js'
import { FLOWS_KEY } from './flow-store.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const PASSWORD = 'correct horse battery staple'
const STALE = "bad signature: the avatar's proof chain changed; request a new payload"

type Answer = { status: number; body: unknown }

/** A scripted ProofService: each payload gets a new uuid; submit answers are taken in order. */
function fakeProofService(submitAnswers: Answer[]) {
  const submitted: Record<string, unknown>[] = []
  // While `hold` is pending, POST /v1/proof is in flight (received, not answered yet).
  const control: { hold: Promise<void> | undefined } = { hold: undefined }
  let payloads = 0
  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(String(input))
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })
    if (url.pathname === '/v1/proof/payload') {
      const body = JSON.parse(String(init?.body))
      payloads++
      const uuid = `5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5${payloads}`
      const signPayload = JSON.stringify({
        action: 'create',
        created_at: '1700000000',
        identity: body.identity,
        platform: body.platform,
        prev: null,
        uuid,
      })
      const postContent = { default: `Proof %SIG_BASE64% v${payloads}`, zh_CN: `证明 %SIG_BASE64% v${payloads}` }
      return json(200, { post_content: postContent, sign_payload: signPayload, uuid, created_at: '1700000000' })
    }
    if (url.pathname === '/v1/proof' && init?.method === 'POST') {
      submitted.push(JSON.parse(String(init.body)))
      await control.hold
      const answer = submitAnswers.shift() ?? { status: 201, body: {} }
      return json(answer.status, answer.body)
    }
    if (url.pathname === '/v1/proof/exists') {
      return json(200, { created_at: '1700000000', last_checked_at: '1700000000', is_valid: true, invalid_reason: '' })
    }
    return json(404, { message: 'no route' })
  }
  return { fetch, submitted, control, payloadCount: () => payloads }
}

async function setup(submitAnswers: Answer[], retryDelaysMs = [20, 40]) {
  const service = fakeProofService(submitAnswers)
  const stores = { records: createMemoryStore(), session: createMemoryStore(), local: createMemoryStore() }
  const alarms: number[] = []
  const announced: string[] = []
  const clock = { offset: 0 }
  const boot = () => {
    const now = () => Date.now() + clock.offset
    const settings = createSettingsStore(stores.local)
    const alarm = { set: async () => {}, clear: async () => {} }
    const session = createVaultSession({
      ...stores,
      settings,
      alarm,
      now,
      vaultOptions: { iterations: MIN_PBKDF2_ITERATIONS },
    })
    const flows = createBindingFlows({
      session,
      settings,
      store: stores.local,
      fetch: service.fetch,
      now,
      alarm: { set: async (when) => void alarms.push(when) },
      retryDelaysMs,
      onDone: (flow) => void announced.push(flow.id),
    })
    return {
      session,
      flows,
      avatars: createAvatarVault(session, {
        records: stores.records,
        now,
        vaultOptions: { iterations: MIN_PBKDF2_ITERATIONS },
      }),
    }
  }
  const first = boot()
  await first.avatars.addAvatar(
    { secret: avatarSecretFromPrivateKey(PRIVATE_KEY), source: 'private-key', name: 'K' },
    PASSWORD,
  )
  return { ...first, service, stores, alarms, announced, clock, boot }
}

const avatar = `0x${Buffer.from(getPublicKey(hexToBytes(PRIVATE_KEY, 'key'))).toString('hex')}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await sleep(10)
}

describe('binding flows', () => {
  it('starts with a signed payload, the filled post text and a hint, and persists it', async () => {
    const { flows, stores } = await setup([])
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice', language: 'zh-CN' })
    expect(flow).toMatchObject({ platform: 'twitter', identity: 'alice', avatarId: avatar, step: 'publish' })
    expect(flow.needsProofLocation).toBe(true)
    expect(flow.publishHint).toBe("Post this text as a tweet from @alice, then paste the tweet's link or id.")
    const stored = (stores.local.data.get(FLOWS_KEY) as { flows: Record<string, string>[] }).flows[0]
    expect(flow.postText).toBe(`证明 ${stored?.signature} v1`)
    const signature = decodeBase64(stored?.signature, 'signature')
    expect(verifyPersonalSignature(stored?.signPayload ?? '', signature, avatar)).toBe(true)
    expect(await flows.getFlows()).toEqual([flow])
  })

  it('rejects bad input and needs the vault unlocked to start', async () => {
    const { flows, session } = await setup([])
    await expect(flows.startBinding({ platform: 'ethereum', identity: 'x' })).rejects.toThrow(
      '"platform" must be one of',
    )
    await expect(flows.startBinding({ platform: 'twitter', identity: '@alice' })).rejects.toThrow('"identity"')
    await session.lock()
    await expect(flows.startBinding({ platform: 'dns', identity: 'example.com' })).rejects.toThrow(
      'the vault is locked',
    )
    await expect(flows.submitBinding({ flowId: 'nope', proofLocation: '' })).rejects.toThrow('binding flow not found')
    await expect(flows.clearFlow({ flowId: 'nope' })).rejects.toThrow('binding flow not found')
  })

  it('submits the stored values and is done once exists confirms', async () => {
    const { flows, service } = await setup([])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    await expect(flows.submitBinding({ flowId: started.id, proofLocation: 'tweet' })).rejects.toThrow(
      '"proofLocation" expected a tweet id or link',
    )
    const done = await flows.submitBinding({ flowId: started.id, proofLocation: 'https://x.com/alice/status/77' })
    expect(done).toMatchObject({ step: 'done', attempts: 1, error: '', proofLocation: '77' })
    expect(service.submitted[0]).toMatchObject({
      action: 'create',
      platform: 'twitter',
      identity: 'alice',
      proof_location: '77',
    })
    expect(done.postText).toBe(
      `Proof ${(service.submitted[0]?.extra as { signature?: string } | undefined)?.signature} v1`,
    )
    await flows.clearFlow({ flowId: started.id })
    expect(await flows.getFlows()).toEqual([])
  })

  it('waits while the post is not visible yet, then completes without a new payload', async () => {
    const { flows, service, alarms } = await setup([
      { status: 400, body: { message: 'tweet not found: 77' } },
      { status: 400, body: { message: 'tweet not found: 77' } },
    ])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    const waiting = await flows.submitBinding({ flowId: started.id, proofLocation: '77' })
    expect(waiting).toMatchObject({ step: 'submit', attempts: 1 })
    expect(waiting.error).toBe('not visible yet (tweet not found: 77); trying again in 1 s')
    expect(waiting.nextAttemptAt).not.toBeNull()
    expect(alarms).toContain(waiting.nextAttemptAt)
    await until(async () => (await flows.getFlows())[0]?.step === 'done')
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'done', attempts: 3 })
    expect(service.payloadCount()).toBe(1)
    expect(new Set(service.submitted.map((body) => body.uuid)).size).toBe(1)
  })

  it('fails with "post not found" after the last retry', async () => {
    const notFound = { status: 400, body: { message: 'no Next.ID TXT record for uuid x at example.com' } }
    const { flows } = await setup([notFound, notFound, notFound])
    const started = await flows.startBinding({ platform: 'dns', identity: 'example.com' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '' })
    await until(async () => (await flows.getFlows())[0]?.step === 'failed')
    expect((await flows.getFlows())[0]).toMatchObject({
      step: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      error: 'post not found after 3 attempts: no Next.ID TXT record for uuid x at example.com',
    })
  })

  it('goes back to publish with a freshly signed text when the chain moved', async () => {
    const { flows, service } = await setup([{ status: 400, body: { message: STALE } }])
    const started = await flows.startBinding({ platform: 'github', identity: 'alice' })
    const moved = await flows.submitBinding({ flowId: started.id, proofLocation: 'abc123' })
    expect(moved).toMatchObject({ step: 'publish', attempts: 0, proofLocation: '' })
    expect(moved.error).toBe("the avatar's chain changed; publish this updated text")
    expect(moved.postText).toMatch(/ v2$/)
    expect(moved.postText).not.toBe(started.postText)
    expect(service.payloadCount()).toBe(2)
    const done = await flows.submitBinding({ flowId: started.id, proofLocation: 'abc124' })
    expect(done.step).toBe('done')
    expect(service.submitted[1]?.uuid).toBe('5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b52')
  })

  it('waits for unlock when the chain moved while locked, then refreshes', async () => {
    const { flows, service, session } = await setup(
      [
        { status: 400, body: { message: 'tweet not found: 5' } },
        { status: 400, body: { message: STALE } },
      ],
      [60],
    )
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '5' })
    await session.lock()
    await until(async () => (await flows.getFlows())[0]?.error.includes('unlock') ?? false)
    expect((await flows.getFlows())[0]).toMatchObject({
      step: 'submit',
      nextAttemptAt: null,
      error: "the avatar's chain changed; unlock to get the updated text to publish",
    })
    await expect(flows.submitBinding({ flowId: started.id, proofLocation: '5' })).rejects.toThrow('the vault is locked')
    await session.unlock(PASSWORD)
    await flows.resumeDue()
    expect((await flows.getFlows())[0]).toMatchObject({
      step: 'publish',
      error: "the avatar's chain changed; publish this updated text",
    })
    expect(service.payloadCount()).toBe(2)
  })

  it('hands out the fresh text on submit once unlocked, when the chain moved while locked', async () => {
    const { flows, service, session } = await setup(
      [
        { status: 400, body: { message: 'tweet not found: 6' } },
        { status: 400, body: { message: STALE } },
      ],
      [60],
    )
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '6' })
    await session.lock()
    await until(async () => (await flows.getFlows())[0]?.error.includes('unlock') ?? false)
    await session.unlock(PASSWORD)
    const fresh = await flows.submitBinding({ flowId: started.id, proofLocation: '6' })
    expect(fresh).toMatchObject({ step: 'publish', postText: expect.stringMatching(/ v2$/) })
    expect(service.submitted).toHaveLength(2)
  })

  it('fails at once with the reason in words', async () => {
    const { flows } = await setup([
      { status: 400, body: { message: 'post is not sent by this account: expected alice, got bob' } },
    ])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    const failed = await flows.submitBinding({ flowId: started.id, proofLocation: '9' })
    expect(failed).toMatchObject({
      step: 'failed',
      error: 'wrong account: post is not sent by this account: expected alice, got bob',
    })
  })

  it('resumes a due retry after a worker restart', async () => {
    const { flows, boot, service, clock } = await setup(
      [{ status: 400, body: { message: 'tweet not found: 8' } }],
      [60_000],
    )
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    const waiting = await flows.submitBinding({ flowId: started.id, proofLocation: '8' })
    expect(waiting.nextAttemptAt).toBeGreaterThan(Date.now() + 30_000)
    // Not due yet: a new worker leaves it waiting.
    await boot().flows.resumeDue()
    expect(service.submitted).toHaveLength(1)
    // A minute later the alarm wakes a new worker, which submits the stored values again.
    clock.offset = 61_000
    const restarted = boot()
    await restarted.flows.resumeDue()
    expect((await restarted.flows.getFlows())[0]).toMatchObject({ step: 'done', attempts: 2, proofLocation: '8' })
    expect(service.submitted).toHaveLength(2)
    expect(service.submitted[1]).toEqual(service.submitted[0])
  })

  it('failFlow fails only a flow still in the expected step: a submission in flight keeps its outcome', async () => {
    const { flows, service, announced } = await setup([])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    let answer = () => {}
    service.control.hold = new Promise<void>((resolve) => (answer = resolve))
    const submitting = flows.submitBinding({ flowId: started.id, proofLocation: '77' })
    await until(async () => service.submitted.length === 1)
    // The page reports another account now: the flow already left publish, so it is not failed.
    expect(await flows.failFlow(started.id, 'wrong account', 'publish')).toMatchObject({ step: 'submit', error: '' })
    answer()
    expect(await submitting).toMatchObject({ step: 'done' })
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'done', error: '' })
    expect(announced).toEqual([started.id])

    const waiting = await flows.startBinding({ platform: 'twitter', identity: 'bob' })
    expect(await flows.failFlow(waiting.id, 'wrong account', 'publish')).toMatchObject({
      step: 'failed',
      error: 'wrong account',
    })
    await expect(flows.failFlow('nope', 'wrong account', 'publish')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('a flow cleared while its submission is in flight is not written back or announced', async () => {
    const { flows, service, announced } = await setup([])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    let answer = () => {}
    service.control.hold = new Promise<void>((resolve) => (answer = resolve))
    const submitting = flows.submitBinding({ flowId: started.id, proofLocation: '77' })
    await until(async () => service.submitted.length === 1)
    await flows.clearFlow({ flowId: started.id })
    answer()
    await expect(submitting).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await flows.getFlows()).toEqual([])
    expect(announced).toEqual([])
  })
})
