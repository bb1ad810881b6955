/**
 * The flow state machine over in-memory storage, a scripted ProofService (injected fetch) and real
 * src/vault crypto: success, not visible then success, chain moved, hard failure, restart resume.
 */
import { describe, expect, it } from 'vitest'
import type { FetchFunction } from '../../../src/client/index.js'
import { decodeBase64, getPublicKey, hexToBytes, verifyPersonalSignature } from '../../../src/crypto/index.js'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import { createSettingsStore } from '../storage/settings.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { avatarSecretFromPrivateKey } from '../vault/avatar-secrets.js'
import { createAvatarVault } from '../vault/avatar-vault.js'
import { createVaultSession } from '../vault/vault-session.js'
import { createBindingFlows } from './binding-flows.js'
import { FLOWS_KEY } from './flow-store.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const PASSWORD = 'correct horse battery staple'

type Answer = { status: number; body: unknown; moveHead?: boolean } | 'network-error'

/** A chain head: base64 of a 65-byte signature, different for each n. */
const headOf = (n: number) => Buffer.alloc(65, n).toString('base64')

/**
 * A scripted ProofService: each payload gets a new uuid and carries the current chain head as prev;
 * submit answers come from `answerSubmit` (by default the scripted list, then 201); an answer may
 * move the head first, as another link appended meanwhile would.
 */
function fakeProofService(submitAnswers: Answer[]) {
  const submitted: Record<string, unknown>[] = []
  // While `hold` is pending, POST /v1/proof is in flight (received, not answered yet).
  const control: {
    hold: Promise<void> | undefined
    head: string | null
    /** The identity the next payloads name, when a hostile service names another. */
    payloadIdentity?: string
    answerSubmit: () => Answer
  } = { hold: undefined, head: null, answerSubmit: () => submitAnswers.shift() ?? { status: 201, body: {} } }
  let payloads = 0
  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(String(input))
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })
    if (url.pathname === '/v1/proof/payload') {
      const body = JSON.parse(String(init?.body))
      payloads++
      const uuid = `5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5${payloads % 10}`
      const signPayload = JSON.stringify({
        action: body.action,
        created_at: '1700000000',
        identity: control.payloadIdentity ?? body.identity,
        platform: body.platform,
        prev: control.head,
        uuid,
      })
      const postContent = { default: `Proof %SIG_BASE64% v${payloads}`, zh_CN: `证明 %SIG_BASE64% v${payloads}` }
      return json(200, { post_content: postContent, sign_payload: signPayload, uuid, created_at: '1700000000' })
    }
    if (url.pathname === '/v1/proof' && init?.method === 'POST') {
      submitted.push(JSON.parse(String(init.body)))
      await control.hold
      const answer = control.answerSubmit()
      if (answer === 'network-error') throw new TypeError('Failed to fetch')
      if (answer.moveHead) control.head = headOf(submitted.length)
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

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const refusal = (message: string): Answer => ({ status: 400, body: { message } })
const storedSignature = (stores: { local: { data: Map<string, unknown> } }) =>
  (stores.local.data.get(FLOWS_KEY) as { flows: Record<string, string>[] }).flows[0]?.signature

/** Moves the fake clock in steps, waking the engine as an alarm would, until `done` holds. */
async function advanceUntil(
  clock: { offset: number },
  flows: { resumeDue(): Promise<void> },
  stepMs: number,
  done: () => Promise<boolean>,
  maxSteps = 1000,
) {
  for (let i = 0; i < maxSteps && !(await done()); i++) {
    clock.offset += stepMs
    await flows.resumeDue()
  }
}

describe('binding flows', () => {
  it('starts with a signed payload and the filled post text, and persists it', async () => {
    const { flows, stores } = await setup([])
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice', language: 'zh-CN' })
    expect(flow).toMatchObject({ platform: 'twitter', identity: 'alice', avatarId: avatar, step: 'publish' })
    expect(flow).toMatchObject({ needsProofLocation: true, status: null, checkUntil: null })
    const stored = (stores.local.data.get(FLOWS_KEY) as { flows: Record<string, string>[] }).flows[0]
    expect(flow.postText).toBe(`证明 ${stored?.signature} v1`)
    const signature = decodeBase64(stored?.signature, 'signature')
    expect(verifyPersonalSignature(stored?.signPayload ?? '', signature, avatar)).toBe(true)
    expect(await flows.getFlows()).toEqual([flow])
  })

  it('checks the identity before asking for a payload, keeping the words typed', async () => {
    const { flows, session, service } = await setup([])
    await expect(flows.startBinding({ platform: 'ethereum', identity: 'x' })).rejects.toThrow(
      '"platform" expected one of',
    )
    await expect(flows.startBinding({ platform: 'twitter', identity: '@alice' })).rejects.toMatchObject({
      code: 'INVALID_IDENTITY',
      rule: 'drop-at',
      input: '@alice',
    })
    await expect(flows.startBinding({ platform: 'dns', identity: 'not a domain!!' })).rejects.toMatchObject({
      code: 'INVALID_IDENTITY',
      rule: 'not-a-domain',
      input: 'not a domain!!',
    })
    expect(service.payloadCount()).toBe(0)
    await session.lock()
    await expect(flows.startBinding({ platform: 'dns', identity: 'example.com' })).rejects.toThrow(
      'the vault is locked',
    )
    await expect(flows.submitBinding({ flowId: 'nope', proofLocation: '' })).rejects.toThrow('binding flow not found')
    await expect(flows.clearFlow({ flowId: 'nope' })).rejects.toThrow('binding flow not found')
  })

  it('signs nothing when the service offers a payload for another identity', async () => {
    const { flows, service, stores } = await setup([])
    service.control.payloadIdentity = 'mallory'
    await expect(flows.startBinding({ platform: 'twitter', identity: 'alice' })).rejects.toMatchObject({
      code: 'PAYLOAD_MISMATCH',
    })
    expect(stores.local.data.get(FLOWS_KEY)).toBeUndefined()
  })

  it('submits the stored values and is done once exists confirms', async () => {
    const { flows, service } = await setup([])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    await expect(flows.submitBinding({ flowId: started.id, proofLocation: 'tweet' })).rejects.toThrow(
      '"proofLocation" expected a tweet id or link',
    )
    const done = await flows.submitBinding({ flowId: started.id, proofLocation: 'https://x.com/alice/status/77' })
    expect(done).toMatchObject({ step: 'done', attempts: 1, status: null, proofLocation: '77' })
    expect(service.submitted[0]).toMatchObject({ action: 'create', platform: 'twitter', proof_location: '77' })
    const extra = service.submitted[0]?.extra as { signature?: string } | undefined
    expect(done.postText).toBe(`Proof ${extra?.signature} v1`)
    await flows.clearFlow({ flowId: started.id })
    expect(await flows.getFlows()).toEqual([])
  })

  it('waits while the proof is not accepted, quoting the service, then completes without a new signature', async () => {
    const { flows, service, alarms, clock } = await setup([
      refusal('tweet not found: 77'),
      refusal('tweet not found: 77'),
    ])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    const before = Date.now() + clock.offset
    const waiting = await flows.submitBinding({ flowId: started.id, proofLocation: '77' })
    expect(waiting).toMatchObject({
      step: 'submit',
      attempts: 1,
      status: { code: 'not-accepted-yet', serviceMessage: 'tweet not found: 77' },
    })
    expect(waiting.checkUntil).toBeGreaterThanOrEqual(before + HOUR)
    expect(alarms).toContain(waiting.nextAttemptAt)
    await until(async () => (await flows.getFlows())[0]?.step === 'done')
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'done', attempts: 3, status: null })
    expect(new Set(service.submitted.map((body) => JSON.stringify(body.extra))).size).toBe(1)
  })

  it('reads a plain "bad signature" with an unmoved chain as not accepted yet, not as a moved chain', async () => {
    const { flows, service } = await setup([refusal('bad signature')], [60_000])
    const started = await flows.startBinding({ platform: 'github', identity: 'alice' })
    const waiting = await flows.submitBinding({ flowId: started.id, proofLocation: 'abc123' })
    expect(waiting).toMatchObject({
      step: 'submit',
      status: { code: 'not-accepted-yet', serviceMessage: 'bad signature' },
    })
    expect(waiting.postText).toBe(started.postText)
    expect(service.payloadCount()).toBe(2) // the start, and one read of the chain head
  })

  it('goes back to publish with a freshly signed text when the chain moved, whatever the words', async () => {
    const { flows, service } = await setup([{ status: 400, body: { message: 'bad signature' }, moveHead: true }])
    const started = await flows.startBinding({ platform: 'github', identity: 'alice' })
    const moved = await flows.submitBinding({ flowId: started.id, proofLocation: 'abc123' })
    expect(moved).toMatchObject({ step: 'publish', attempts: 0, proofLocation: '', status: { code: 'chain-moved' } })
    expect(moved.postText).not.toBe(started.postText)
    const done = await flows.submitBinding({ flowId: started.id, proofLocation: 'abc124' })
    expect(done.step).toBe('done')
    expect(service.submitted[1]?.uuid).not.toBe(service.submitted[0]?.uuid)
  })

  it('completes without the user when the record is published 30 minutes after "I\'ve published it"', async () => {
    const { flows, service, clock, stores } = await setup([], [60_000])
    const published = { at: Number.POSITIVE_INFINITY }
    service.control.answerSubmit = () =>
      Date.now() + clock.offset >= published.at ? { status: 201, body: {} } : refusal('no TXT record found')
    const started = await flows.startBinding({ platform: 'dns', identity: 'example.com' })
    const signature = storedSignature(stores)
    published.at = Date.now() + 30 * MINUTE
    await flows.submitBinding({ flowId: started.id, proofLocation: '' })
    await advanceUntil(clock, flows, 5 * MINUTE, async () => (await flows.getFlows())[0]?.step === 'done')
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'done', status: null })
    expect(storedSignature(stores)).toBe(signature)
    expect(new Set(service.submitted.map((body) => body.uuid)).size).toBe(1)
  })

  it('keeps checking a DNS record for 48 hours, then gives up quoting the service', async () => {
    const { flows, clock, service } = await setup([], [60_000])
    service.control.answerSubmit = () => refusal('no TXT record found')
    const started = await flows.startBinding({ platform: 'dns', identity: 'example.com' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '' })
    const stepOf = async () => (await flows.getFlows())[0]
    await advanceUntil(clock, flows, HOUR, async () => clock.offset >= 47 * HOUR)
    expect(await stepOf()).toMatchObject({ step: 'submit', status: { code: 'not-accepted-yet' } })
    await advanceUntil(clock, flows, HOUR, async () => (await stepOf())?.step === 'failed')
    const failed = await stepOf()
    expect(failed).toMatchObject({
      step: 'failed',
      nextAttemptAt: null,
      status: { code: 'gave-up', serviceMessage: 'no TXT record found' },
    })
    const status = failed?.status as { waitedMs: number } | undefined
    expect(status?.waitedMs).toBeGreaterThanOrEqual(48 * HOUR)
    expect(clock.offset).toBeLessThanOrEqual(50 * HOUR)
  })

  it('waits out a 10-minute outage in the middle, then completes', async () => {
    const { flows, service, clock } = await setup([refusal('tweet not found: 5')], [60_000])
    const outage = { from: Number.POSITIVE_INFINITY, until: 0 }
    const scripted = service.control.answerSubmit
    service.control.answerSubmit = () => {
      const now = Date.now() + clock.offset
      return now >= outage.from && now < outage.until ? 'network-error' : scripted()
    }
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '5' })
    outage.from = Date.now() + clock.offset
    outage.until = outage.from + 10 * MINUTE
    clock.offset += 2 * MINUTE
    await flows.resumeDue()
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'submit', status: { code: 'service-unreachable' } })
    await advanceUntil(clock, flows, 2 * MINUTE, async () => (await flows.getFlows())[0]?.step !== 'submit')
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'done' })
    expect(clock.offset).toBeGreaterThanOrEqual(10 * MINUTE)
  })

  it('"Start again" after a give-up resubmits the record already published, signing nothing new', async () => {
    const { flows, service, clock, stores } = await setup([], [HOUR])
    let accept = false
    service.control.answerSubmit = () => (accept ? { status: 201, body: {} } : refusal('no TXT record found'))
    const started = await flows.startBinding({ platform: 'dns', identity: 'example.com' })
    const signature = storedSignature(stores)
    await flows.submitBinding({ flowId: started.id, proofLocation: '' })
    await advanceUntil(clock, flows, HOUR, async () => (await flows.getFlows())[0]?.step === 'failed')
    accept = true
    const again = await flows.restartFlow({ flowId: started.id })
    expect(again).toMatchObject({ step: 'done', postText: started.postText })
    expect(storedSignature(stores)).toBe(signature)
    expect(new Set(service.submitted.map((body) => body.uuid)).size).toBe(1)
  })

  it('"Start again" signs a fresh payload only once the chain has moved', async () => {
    const { flows, service, clock, session } = await setup([], [HOUR])
    service.control.answerSubmit = () => refusal('no TXT record found')
    const started = await flows.startBinding({ platform: 'dns', identity: 'example.com' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '' })
    await advanceUntil(clock, flows, HOUR, async () => (await flows.getFlows())[0]?.step === 'failed')
    service.control.head = headOf(99)
    await session.unlock(PASSWORD) // auto-lock passed during the two days
    const again = await flows.restartFlow({ flowId: started.id })
    expect(again).toMatchObject({ step: 'publish', status: { code: 'chain-moved' } })
    expect(again).not.toMatchObject({ postText: started.postText })
    await expect(flows.restartFlow({ flowId: started.id })).rejects.toMatchObject({ code: 'FLOW_STEP' })
  })

  it('"Check now" runs the next check at once', async () => {
    const { flows, service } = await setup([refusal('tweet not found: 3')], [HOUR])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '3' })
    expect(service.submitted).toHaveLength(1)
    expect(await flows.checkFlowNow({ flowId: started.id })).toMatchObject({ step: 'done', attempts: 2 })
    await expect(flows.checkFlowNow({ flowId: started.id })).rejects.toMatchObject({ code: 'FLOW_STEP' })
  })

  it('waits for unlock when the chain moved while locked, then refreshes', async () => {
    const moved: Answer = { status: 400, body: { message: 'bad signature' }, moveHead: true }
    const { flows, service, session } = await setup([refusal('tweet not found: 5'), moved], [60])
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    await flows.submitBinding({ flowId: started.id, proofLocation: '5' })
    await session.lock()
    await until(async () => (await flows.getFlows())[0]?.status?.code === 'chain-moved-locked')
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'submit', nextAttemptAt: null })
    await expect(flows.submitBinding({ flowId: started.id, proofLocation: '5' })).rejects.toThrow('the vault is locked')
    await session.unlock(PASSWORD)
    await flows.resumeDue()
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'publish', status: { code: 'chain-moved' } })
    expect((await flows.getFlows())[0]).not.toMatchObject({ postText: started.postText })
    expect(service.submitted).toHaveLength(2)
  })

  it('resumes a due retry after a worker restart', async () => {
    const { flows, boot, service, clock } = await setup([refusal('tweet not found: 8')], [60_000])
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
    expect(service.submitted[1]).toEqual(service.submitted[0])
  })

  it('failFlow fails only a flow still in the expected step: a submission in flight keeps its outcome', async () => {
    const { flows, service, announced } = await setup([])
    const wrongAccount = { code: 'wrong-account', account: 'mallory' } as const
    const started = await flows.startBinding({ platform: 'twitter', identity: 'alice' })
    let answer = () => {}
    service.control.hold = new Promise<void>((resolve) => (answer = resolve))
    const submitting = flows.submitBinding({ flowId: started.id, proofLocation: '77' })
    await until(async () => service.submitted.length === 1)
    expect(await flows.failFlow(started.id, wrongAccount, 'publish')).toMatchObject({ step: 'submit', status: null })
    answer()
    expect(await submitting).toMatchObject({ step: 'done' })
    expect(announced).toEqual([started.id])

    const waiting = await flows.startBinding({ platform: 'twitter', identity: 'bob' })
    expect(await flows.failFlow(waiting.id, wrongAccount, 'publish')).toMatchObject({
      step: 'failed',
      status: wrongAccount,
    })
    await expect(flows.failFlow('nope', wrongAccount, 'publish')).rejects.toMatchObject({ code: 'NOT_FOUND' })
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
