/**
 * The binding flow engine (issue 5, issue 11): payload → sign → publish → submit → confirm,
 * persisted at every step. Submitting needs no secret (the signature is public once posted), so
 * retries run while locked; only a moved chain (a fresh payload to sign, §4.5) waits for unlock.
 * Decisions come from facts, never from the service's words: an outage is waited out, a refusal
 * re-reads the chain head (chain-head.ts), and checking goes on for the platform's patience.
 */
import { createProofServiceClient, type FetchFunction, type ProofServiceClient } from '../../../src/client/index.js'
import { decodeBase64, encodeBase64 } from '../../../src/crypto/index.js'
import { requirePlainObject, requireString } from '../../../src/input.js'
import {
  POST_PLATFORMS,
  type PostPlatform,
  parseIdentityInput,
  parsePlatformOf,
  postFacts,
  WALLET_PLATFORMS,
  type WalletPlatform,
} from '../../../src/platforms/index.js'
import { POST_PATIENCE_MS } from '../../../src/platforms/patience.js'
import type { BindingFlow, FlowStatus, FlowStep } from '../../messaging/catalogue.js'
import { FlowStepError, LockedError, NotFoundError, PayloadMismatchError } from '../errors.js'
import type { SettingsStore } from '../storage/settings.js'
import type { RecordStore } from '../storage/storage-ports.js'
import { signWithAvatar } from '../vault/sign-with-avatar.js'
import type { OpenedVault, VaultSession } from '../vault/vault-session.js'
import { requestBindingPayload } from './binding-payload.js'
import { hasChainMoved } from './chain-head.js'
import { createFlowStore, FlowClearedError, freshFlowState, type StoredFlow, toBindingFlow } from './flow-store.js'
import { needsProofLocation, parsePostPlatform, parseProofLocation } from './proof-location.js'
import { choosePostText, publishUrlFor } from './publish-page.js'
import { parseRevokeProofPlatform } from './revoke-needs-proof.js'
import { classifySubmitError, DEFAULT_RETRY_DELAYS_MS, nextRetryDelay } from './submit-outcome.js'

/** Wakes the worker at `when` (unix ms) even if it was stopped meanwhile (chrome.alarms). */
export type RetryAlarm = { set(when: number): Promise<void> }

export type BindingFlowDeps = {
  session: VaultSession
  settings: SettingsStore
  /** storage.local in the extension. */
  store: RecordStore
  fetch: FetchFunction
  now: () => number
  alarm: RetryAlarm
  /** Waits between attempts, the last one repeating until the platform's patience runs out; tests pass short ones. */
  retryDelaysMs?: readonly number[]
  /** Waits up to this long run on an in-memory timer as well as the alarm (alarms fire after ≥ 30 s). */
  shortWaitMs?: number
  /** Told once when a flow reaches `done` (the extension raises a notification). */
  onDone?: (flow: BindingFlow) => void
}

/** The chrome.alarms name of the binding-retry wake. */
export const BINDING_RETRY_ALARM = 'binding-retry'

export type BindingFlows = ReturnType<typeof createBindingFlows>

/** startBinding / getFlows / submitBinding / clearFlow, and resumeDue for wakes. */
export function createBindingFlows(deps: BindingFlowDeps) {
  const flows = createFlowStore(deps.store)
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const running = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined

  const proofService = async (): Promise<ProofServiceClient> =>
    createProofServiceClient({ baseUrl: (await deps.settings.get()).endpoints.proofServiceUrl, fetch: deps.fetch })

  /**
   * Saves a changed flow, stamped now. A flow the user cleared meanwhile is not written back:
   * FlowClearedError ends the step that was running for it (no retry, no onDone).
   */
  async function save(flow: StoredFlow, change: Partial<StoredFlow>, expectedStep?: FlowStep): Promise<StoredFlow> {
    const next = { ...flow, ...change, updatedAt: deps.now() }
    if (!(await flows.replace(next, expectedStep))) throw new FlowClearedError()
    return next
  }

  /** A fresh payload signed by the flow's avatar: the post text and what submit needs. */
  async function signedPayload(
    vault: OpenedVault,
    flow: Pick<StoredFlow, 'action' | 'platform' | 'identity' | 'avatarId' | 'language'>,
  ) {
    const platform = parsePostPlatform(flow.platform)
    const { payload } = await requestBindingPayload(await proofService(), { ...flow, platform })
    const signature = encodeBase64(await signWithAvatar(vault, flow.avatarId, payload.signPayload))
    const postText = choosePostText({ ...flow, platform, postContent: payload.postContent, signature })
    return {
      uuid: payload.uuid,
      payloadCreatedAt: payload.createdAt,
      signPayload: payload.signPayload,
      signature,
      postText,
      publishUrl: publishUrlFor(platform, postText),
    }
  }

  /** A new flow: `create` binds; `delete` revokes where the service wants a new proof for it (§7.2). */
  async function begin(action: StoredFlow['action'], params: unknown): Promise<BindingFlow> {
    const input = requirePlainObject(params, 'params')
    const platform = action === 'delete' ? parseRevokeProofPlatform(input.platform) : parsePostPlatform(input.platform)
    // Checked before anything is asked for or signed; the error keeps the user's words.
    const identity = parseIdentityInput(platform, input.identity)
    const language = input.language === undefined ? 'en' : requireString(input.language, 'language') || 'en'
    return deps.session.track(async () => {
      const vault = await deps.session.open()
      const avatarId = vault.record.currentAvatarId
      const signed = await signedPayload(vault, { action, platform, identity, avatarId, language })
      const now = deps.now()
      const flow: StoredFlow = {
        id: crypto.randomUUID(),
        action,
        platform,
        identity,
        avatarId,
        step: 'publish',
        ...signed,
        wallet: null,
        needsProofLocation: needsProofLocation(platform),
        ...freshFlowState(now),
        language,
      }
      await flows.put(flow)
      return toBindingFlow(flow)
    })
  }

  async function getFlows(): Promise<BindingFlow[]> {
    await deps.session.enforceDeadline()
    const list = await flows.list()
    return list.sort((a, b) => b.createdAt - a.createdAt).map(toBindingFlow)
  }

  /** A post flow by id, or NOT_FOUND (wallet flows have their own engine). */
  async function postFlow(params: unknown): Promise<StoredFlow> {
    const flowId = requireString(requirePlainObject(params, 'params').flowId, 'flowId')
    const flow = await flows.get(flowId)
    if (!flow || flow.walletLink !== undefined) throw new NotFoundError('binding flow')
    return flow
  }

  async function submitBinding(params: unknown): Promise<BindingFlow> {
    await deps.session.enforceDeadline()
    const flow = await postFlow(params)
    if (flow.step === 'done') return toBindingFlow(flow)
    if (flow.awaitingUnlock) {
      // The chain moved earlier: hand out the freshly signed text now, or say the vault is locked.
      const refreshed = await refresh(flow)
      if (refreshed.awaitingUnlock) throw new LockedError()
      return toBindingFlow(refreshed)
    }
    const platform = parsePostPlatform(flow.platform)
    const input = requirePlainObject(params, 'params')
    const proofLocation = needsProofLocation(platform) ? parseProofLocation(platform, input.proofLocation) : ''
    return toBindingFlow(await attempt(await startChecking(flow, proofLocation)))
  }

  /** Into the verify step: checks start now and go on for the platform's patience. */
  function startChecking(flow: StoredFlow, proofLocation: string, expectedStep?: FlowStep): Promise<StoredFlow> {
    return save(
      flow,
      {
        step: 'submit',
        proofLocation,
        attempts: 0,
        nextAttemptAt: null,
        checkUntil: deps.now() + patienceOf(flow),
        status: null,
      },
      expectedStep,
    )
  }

  /**
   * Hands a wallet flow whose wallet signature was verified (or a failed one that keeps it) to the
   * submission: saved in `submit` (only from `expectedStep`; FlowClearedError otherwise) and
   * submitted in the background, then again on the same schedule and wakes as every flow while the
   * service is out of reach.
   */
  async function submitWalletFlow(flow: StoredFlow, expectedStep: FlowStep): Promise<StoredFlow> {
    if (flow.walletLink === undefined || flow.walletLink.walletSignature === '') throw new FlowStepError(flow.step)
    const submitting = await startChecking(flow, '', expectedStep)
    void attempt(submitting).catch(() => undefined) // cleared meanwhile, or storage failing: nothing left to tell
    return submitting
  }

  /** "Check now": the next check of a waiting flow runs at once. */
  async function checkFlowNow(params: unknown): Promise<BindingFlow> {
    await deps.session.enforceDeadline()
    const flow = await postFlow(params)
    if (flow.step !== 'submit') throw new FlowStepError(flow.step)
    if (flow.awaitingUnlock) return toBindingFlow(await refresh(flow))
    return toBindingFlow(await attempt(flow))
  }

  /**
   * "Start again" on a failed flow. While the chain has not moved, what the user already published
   * still proves the binding: it is checked again (or, if it never got that far, the same text is
   * offered again) and nothing new is signed. Only a moved chain signs a fresh payload.
   */
  async function restartFlow(params: unknown): Promise<BindingFlow> {
    await deps.session.enforceDeadline()
    const flow = await postFlow(params)
    if (flow.step !== 'failed') throw new FlowStepError(flow.step)
    const client = await proofService()
    const platform = parsePostPlatform(flow.platform)
    if (await hasChainMoved(client, { ...flow, platform })) return toBindingFlow(await refresh(flow))
    const wasSubmitted = flow.attempts > 0
    if (!wasSubmitted) {
      return toBindingFlow(await save(flow, { step: 'publish', status: null, nextAttemptAt: null }))
    }
    return toBindingFlow(await attempt(await startChecking(flow, flow.proofLocation)))
  }

  /**
   * Fails the flow with `status` only while it is still in `expectedStep` (e.g. the page shows another
   * account while the proof waits to be published). The step is checked in the same store update that
   * writes the failure: a flow that moved on meanwhile (a submission in flight) is returned unchanged.
   */
  async function failFlow(flowId: string, status: FlowStatus, expectedStep: FlowStep): Promise<BindingFlow> {
    const flow = await flows.get(flowId)
    if (!flow) throw new NotFoundError('binding flow')
    if (flow.step !== expectedStep) return toBindingFlow(flow)
    const failed: StoredFlow = { ...flow, step: 'failed', nextAttemptAt: null, status, updatedAt: deps.now() }
    if (await flows.replace(failed, expectedStep)) return toBindingFlow(failed)
    const current = await flows.get(flowId)
    if (!current) throw new NotFoundError('binding flow')
    return toBindingFlow(current)
  }

  async function clearFlow(params: unknown): Promise<undefined> {
    const flowId = requireString(requirePlainObject(params, 'params').flowId, 'flowId')
    await deps.session.enforceDeadline()
    if (!(await flows.remove(flowId))) throw new NotFoundError('binding flow')
    return undefined
  }

  /**
   * One submission with the stored values, for every kind of flow: a post flow's proof location,
   * or a wallet flow's verified wallet signature (§4.5, §6.4, §6.5); the outcome decides the next step.
   */
  async function attempt(flow: StoredFlow): Promise<StoredFlow> {
    if (running.has(flow.id)) return flow
    running.add(flow.id)
    try {
      const attempts = flow.attempts + 1
      const client = await proofService()
      try {
        const binding = { platform: flowPlatform(flow), identity: flow.identity, publicKey: flow.avatarId }
        const walletSignature = flow.walletLink?.walletSignature ?? ''
        await client.submitProof({
          action: flow.action,
          ...binding,
          ...(flow.proofLocation === '' ? {} : { proofLocation: flow.proofLocation }),
          uuid: flow.uuid,
          createdAt: flow.payloadCreatedAt,
          signature: decodeBase64(flow.signature, 'signature'),
          ...(walletSignature === '' ? {} : { walletSignature }),
        })
        const exists = await client.proofExists(binding)
        if (flow.action === 'create' && !exists) return await fail(flow, attempts, { code: 'not-listed' })
        if (flow.action === 'delete' && exists) return await fail(flow, attempts, { code: 'still-listed' })
        const done = await save(flow, { step: 'done', attempts, nextAttemptAt: null, status: null })
        deps.onDone?.(toBindingFlow(done))
        return done
      } catch (error) {
        if (error instanceof FlowClearedError) throw error
        return await afterError(flow, attempts, error, client)
      }
    } finally {
      running.delete(flow.id)
      await scheduleNext()
    }
  }

  async function afterError(
    flow: StoredFlow,
    attempts: number,
    error: unknown,
    client: ProofServiceClient,
  ): Promise<StoredFlow> {
    const outcome = classifySubmitError(error)
    if (outcome.kind === 'internal') return fail(flow, attempts, { code: 'error', errorCode: outcome.errorCode })
    if (outcome.kind === 'outage') {
      return waitAndRetry(flow, attempts, { code: 'service-unreachable', httpStatus: outcome.httpStatus })
    }
    // Refused: the service's words do not say why; whether the chain moved is a fact to read.
    let moved: boolean
    try {
      moved = await hasChainMoved(client, { ...flow, platform: flowPlatform(flow) })
    } catch (readError) {
      const read = classifySubmitError(readError)
      if (read.kind !== 'outage') return fail(flow, attempts, { code: 'error', errorCode: errorCodeOf(read) })
      return waitAndRetry(flow, attempts, { code: 'service-unreachable', httpStatus: read.httpStatus })
    }
    if (flow.walletLink !== undefined) {
      // The wallet signed this payload: a moved chain needs its signature again ("Try again"), and
      // a wallet proof is in the request itself, so a refusal will not change by waiting.
      if (moved) return fail(flow, attempts, { code: 'wallet-resign' })
      return fail(flow, attempts, { code: 'refused', serviceMessage: outcome.serviceMessage })
    }
    if (moved) return refresh(flow)
    return waitAndRetry(flow, attempts, { code: 'not-accepted-yet', serviceMessage: outcome.serviceMessage })
  }

  /** The next check after the backoff, or the end once the platform's patience has run out. */
  function waitAndRetry(
    flow: StoredFlow,
    attempts: number,
    status: Extract<FlowStatus, { code: 'not-accepted-yet' | 'service-unreachable' }>,
  ): Promise<StoredFlow> {
    const now = deps.now()
    const checkUntil = flow.checkUntil ?? now
    if (now >= checkUntil) {
      if (status.code === 'service-unreachable') return fail(flow, attempts, status)
      const waitedMs = now - (checkUntil - patienceOf(flow))
      return fail(flow, attempts, { code: 'gave-up', serviceMessage: status.serviceMessage, waitedMs })
    }
    const nextAttemptAt = Math.min(now + nextRetryDelay(attempts, delays), checkUntil)
    return save(flow, { attempts, nextAttemptAt, status })
  }

  /**
   * Ends a flow with `status`. A wallet flow keeps its verified wallet signature only when the
   * service was out of reach ("Try again" sends it once more); otherwise the wallet signs afresh.
   */
  function fail(flow: StoredFlow, attempts: number, status: FlowStatus): Promise<StoredFlow> {
    const change: Partial<StoredFlow> = { step: 'failed', attempts, nextAttemptAt: null, status }
    if (flow.walletLink !== undefined && status.code !== 'service-unreachable') {
      change.walletLink = { ...flow.walletLink, walletSignature: '' }
    }
    return save(flow, change)
  }

  /** The chain moved: sign a fresh payload and go back to publish; while locked, wait for unlock. */
  async function refresh(flow: StoredFlow): Promise<StoredFlow> {
    let vault: OpenedVault
    try {
      vault = await deps.session.open()
    } catch (error) {
      if (!(error instanceof LockedError)) throw error
      return save(flow, {
        step: 'submit',
        nextAttemptAt: null,
        awaitingUnlock: true,
        status: { code: 'chain-moved-locked' },
      })
    }
    try {
      const signed = await signedPayload(vault, flow)
      return await save(flow, {
        ...signed,
        step: 'publish',
        proofLocation: '',
        attempts: 0,
        nextAttemptAt: null,
        checkUntil: null,
        awaitingUnlock: false,
        status: { code: 'chain-moved' },
      })
    } catch (error) {
      if (error instanceof FlowClearedError) throw error
      if (error instanceof PayloadMismatchError) return fail(flow, flow.attempts, { code: 'payload-mismatch' })
      const outcome = classifySubmitError(error)
      // The service went away between the refusal and the fresh payload: the next check finds the moved chain again.
      if (outcome.kind === 'outage') {
        const status = { code: 'service-unreachable', httpStatus: outcome.httpStatus } as const
        return waitAndRetry({ ...flow, step: 'submit' }, flow.attempts, status)
      }
      return fail(flow, flow.attempts, { code: 'error', errorCode: errorCodeOf(outcome) })
    }
  }

  /** Runs every retry that is due, and refreshes moved chains once unlocked (worker wake, alarm, unlock). */
  async function resumeDue(): Promise<void> {
    const now = deps.now()
    const unlocked = (await deps.session.state()).status === 'unlocked'
    for (const flow of await flows.list()) {
      if (flow.step !== 'submit' || running.has(flow.id)) continue
      if (flow.awaitingUnlock) {
        if (unlocked) await refresh(flow).catch(ignoreCleared)
      } else if (flow.nextAttemptAt !== null && flow.nextAttemptAt <= now) {
        await attempt(flow).catch(ignoreCleared)
      }
    }
    await scheduleNext()
  }

  /** A timer for the earliest short wait, and the alarm so a stopped worker wakes for it too. */
  async function scheduleNext(): Promise<void> {
    const due = (await flows.list())
      .filter((flow) => flow.step === 'submit' && flow.nextAttemptAt !== null && !flow.awaitingUnlock)
      .map((flow) => flow.nextAttemptAt as number)
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (due.length === 0) return
    const when = Math.min(...due)
    const wait = Math.max(0, when - deps.now())
    if (wait <= (deps.shortWaitMs ?? 30_000)) timer = setTimeout(() => void resumeDue().catch(() => undefined), wait)
    await deps.alarm.set(when)
  }

  const startBinding = (params: unknown) => begin('create', params)
  const startRevokeFlow = (params: unknown) => begin('delete', params)

  return {
    startBinding,
    startRevokeFlow,
    getFlows,
    submitBinding,
    checkFlowNow,
    restartFlow,
    clearFlow,
    failFlow,
    submitWalletFlow,
    resumeDue,
  }
}

/** A flow cleared while its step ran is simply gone; anything else is a real error. */
function ignoreCleared(error: unknown): undefined {
  if (error instanceof FlowClearedError) return undefined
  throw error
}

const SUBMITTABLE_PLATFORMS: readonly (PostPlatform | WalletPlatform)[] = [...POST_PLATFORMS, ...WALLET_PLATFORMS]

/** The platform of a stored flow: a post platform, or a wallet's chain. */
function flowPlatform(flow: StoredFlow): PostPlatform | WalletPlatform {
  return parsePlatformOf(flow.platform, SUBMITTABLE_PLATFORMS)
}

/** How long checking goes on: the platform's patience; a wallet flow waits as long as a post would. */
function patienceOf(flow: StoredFlow): number {
  if (flow.walletLink !== undefined) return POST_PATIENCE_MS
  return postFacts(parsePostPlatform(flow.platform)).patienceMs
}

function errorCodeOf(outcome: ReturnType<typeof classifySubmitError>): string {
  return outcome.kind === 'internal' ? outcome.errorCode : 'SERVICE_ERROR'
}
