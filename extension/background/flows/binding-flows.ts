/**
 * The binding flow engine (issue 5): payload → sign → publish → submit → confirm, persisted at
 * every step. Submitting needs no secret (the signature is public once posted), so retries run
 * while locked; only a moved chain (a fresh payload to sign, §5.4) waits for the next unlock.
 */
import { createProofServiceClient, type FetchFunction, type ProofServiceClient } from '../../../src/client/index.js'
import { decodeBase64, encodeBase64 } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject, requireString } from '../../../src/input.js'
import { describeProofPayload, normalizeIdentity } from '../../../src/protocol/index.js'
import type { BindingFlow, FlowStep } from '../../messaging/catalogue.js'
import type { SettingsStore } from '../settings.js'
import { signWithAvatar } from '../sign-with-avatar.js'
import type { RecordStore } from '../storage-ports.js'
import type { OpenedVault, VaultSession } from '../vault-session.js'
import { LockedError, NotFoundError } from '../wallet-errors.js'
import { createFlowStore, FlowClearedError, freshFlowState, type StoredFlow, toBindingFlow } from './flow-store.js'
import { needsProofLocation, parsePostPlatform, parseProofLocation, publishHint } from './proof-location.js'
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
  /** Waits between attempts while the post is not visible yet; tests pass short ones. */
  retryDelaysMs?: readonly number[]
  /** Waits up to this long run on an in-memory timer as well as the alarm (alarms fire after ≥ 30 s). */
  shortWaitMs?: number
  /** Told once when a flow reaches `done` (the extension raises a notification). */
  onDone?: (flow: BindingFlow) => void
}

/** The chrome.alarms name of the binding-retry wake. */
export const BINDING_RETRY_ALARM = 'binding-retry'

const CHAIN_MOVED = "the avatar's chain changed; publish this updated text"
const CHAIN_MOVED_LOCKED = "the avatar's chain changed; unlock to get the updated text to publish"

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
  async function save(flow: StoredFlow, change: Partial<StoredFlow>): Promise<StoredFlow> {
    const next = { ...flow, ...change, updatedAt: deps.now() }
    if (!(await flows.replace(next))) throw new FlowClearedError()
    return next
  }

  /** A fresh create payload signed by the flow's avatar: the post text and what submit needs. */
  async function signedPayload(
    vault: OpenedVault,
    flow: Pick<StoredFlow, 'action' | 'platform' | 'identity' | 'avatarId' | 'language'>,
  ) {
    const platform = parsePostPlatform(flow.platform)
    const client = await proofService()
    const payload = await client.createPayload({
      action: flow.action,
      platform,
      identity: flow.identity,
      publicKey: flow.avatarId,
    })
    const description = describeProofPayload(payload.signPayload, flow.avatarId)
    // The service chose the string; sign it only if it binds what the user asked for.
    if (description.action !== flow.action || description.platform !== platform) {
      throw new InvalidInputError('sign_payload', `does not ${flow.action} ${platform} ${flow.identity}`)
    }
    // A revoke must remove exactly the binding the user picked.
    if (flow.action === 'delete' && description.identity !== flow.identity) {
      throw new InvalidInputError('sign_payload', `does not revoke ${platform} ${flow.identity}`)
    }
    const signature = encodeBase64(await signWithAvatar(vault, flow.avatarId, payload.signPayload))
    const postText = choosePostText({ ...flow, platform, postContent: payload.postContent, signature })
    return {
      identity: description.identity,
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
    const identity = normalizeIdentity(platform, requireNonEmptyString(input.identity, 'identity'))
    const language = input.language === undefined ? 'en' : requireNonEmptyString(input.language, 'language')
    return deps.session.track(async () => {
      const vault = await deps.session.open()
      const avatarId = vault.record.currentAvatarId
      const signed = await signedPayload(vault, { action, platform, identity, avatarId, language })
      const now = deps.now()
      const flow: StoredFlow = {
        id: crypto.randomUUID(),
        action,
        platform,
        avatarId,
        step: 'publish',
        ...signed,
        publishHint: publishHint(platform, signed.identity, avatarId),
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

  async function submitBinding(params: unknown): Promise<BindingFlow> {
    const input = requirePlainObject(params, 'params')
    const flowId = requireString(input.flowId, 'flowId')
    await deps.session.enforceDeadline()
    const flow = await flows.get(flowId)
    if (!flow) throw new NotFoundError('binding flow')
    if (flow.step === 'done') return toBindingFlow(flow)
    if (flow.awaitingUnlock) {
      // The chain moved earlier: hand out the freshly signed text now, or say the vault is locked.
      const refreshed = await refresh(flow)
      if (refreshed.awaitingUnlock) throw new LockedError()
      return toBindingFlow(refreshed)
    }
    const platform = parsePostPlatform(flow.platform)
    const proofLocation = needsProofLocation(platform) ? parseProofLocation(platform, input.proofLocation) : ''
    const ready = await save(flow, { step: 'submit', proofLocation, attempts: 0, nextAttemptAt: null, error: '' })
    return toBindingFlow(await attempt(ready))
  }

  /**
   * Fails the flow with `reason` only while it is still in `expectedStep` (e.g. the page shows another
   * account while the proof waits to be published). The step is checked in the same store update that
   * writes the failure: a flow that moved on meanwhile (a submission in flight) is returned unchanged.
   */
  async function failFlow(flowId: string, reason: string, expectedStep: FlowStep): Promise<BindingFlow> {
    const flow = await flows.get(flowId)
    if (!flow) throw new NotFoundError('binding flow')
    if (flow.step !== expectedStep) return toBindingFlow(flow)
    const failed: StoredFlow = { ...flow, step: 'failed', nextAttemptAt: null, error: reason, updatedAt: deps.now() }
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

  /** One submission with the stored values; the outcome decides the next step (§4.5, §4.7). */
  async function attempt(flow: StoredFlow): Promise<StoredFlow> {
    if (running.has(flow.id)) return flow
    running.add(flow.id)
    try {
      const attempts = flow.attempts + 1
      try {
        const client = await proofService()
        const binding = {
          platform: parsePostPlatform(flow.platform),
          identity: flow.identity,
          publicKey: flow.avatarId,
        }
        await client.submitProof({
          action: flow.action,
          ...binding,
          ...(flow.proofLocation === '' ? {} : { proofLocation: flow.proofLocation }),
          uuid: flow.uuid,
          createdAt: flow.payloadCreatedAt,
          signature: decodeBase64(flow.signature, 'signature'),
        })
        const exists = await client.proofExists(binding)
        if (flow.action === 'create' && !exists) {
          return await fail(flow, attempts, 'the service accepted the proof but does not list the binding')
        }
        if (flow.action === 'delete' && exists) {
          return await fail(flow, attempts, 'the service accepted the revoke but still lists the binding')
        }
        const done = await save(flow, { step: 'done', attempts, nextAttemptAt: null, error: '' })
        deps.onDone?.(toBindingFlow(done))
        return done
      } catch (error) {
        if (error instanceof FlowClearedError) throw error
        return await afterError(flow, attempts, error)
      }
    } finally {
      running.delete(flow.id)
      await scheduleNext()
    }
  }

  async function afterError(flow: StoredFlow, attempts: number, error: unknown): Promise<StoredFlow> {
    const outcome = classifySubmitError(error)
    if (outcome.kind === 'failed') return fail(flow, attempts, outcome.reason)
    if (outcome.kind === 'chain-moved') return refresh(flow)
    const delay = nextRetryDelay(attempts, delays)
    if (delay === undefined) return fail(flow, attempts, `post not found after ${attempts} attempts: ${outcome.reason}`)
    const error_ = `not visible yet (${outcome.reason}); trying again in ${Math.ceil(delay / 1000)} s`
    return save(flow, { attempts, nextAttemptAt: deps.now() + delay, error: error_ })
  }

  const fail = (flow: StoredFlow, attempts: number, reason: string) =>
    save(flow, { step: 'failed', attempts, nextAttemptAt: null, error: reason })

  /** The chain moved: sign a fresh payload and go back to publish; while locked, wait for unlock. */
  async function refresh(flow: StoredFlow): Promise<StoredFlow> {
    let vault: OpenedVault
    try {
      vault = await deps.session.open()
    } catch (error) {
      if (!(error instanceof LockedError)) throw error
      return save(flow, { nextAttemptAt: null, awaitingUnlock: true, error: CHAIN_MOVED_LOCKED })
    }
    try {
      const signed = await signedPayload(vault, flow)
      return await save(flow, {
        ...signed,
        step: 'publish',
        publishHint: publishHint(parsePostPlatform(flow.platform), signed.identity, flow.avatarId),
        proofLocation: '',
        attempts: 0,
        nextAttemptAt: null,
        awaitingUnlock: false,
        error: CHAIN_MOVED,
      })
    } catch (error) {
      if (error instanceof FlowClearedError) throw error
      return fail(
        flow,
        flow.attempts,
        `the avatar's chain changed and no fresh payload could be signed: ${messageOf(error)}`,
      )
    }
  }

  /** Runs every retry that is due, and refreshes moved chains once unlocked (worker wake, alarm, unlock). */
  async function resumeDue(): Promise<void> {
    const now = deps.now()
    const unlocked = (await deps.session.state()).status === 'unlocked'
    for (const flow of await flows.list()) {
      // Wallet flows resubmit on their own (wallet-flows.ts); this engine publishes no wallet proof.
      if (flow.step !== 'submit' || flow.walletLink !== undefined || running.has(flow.id)) continue
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
      .filter(
        (flow) =>
          flow.step === 'submit' &&
          flow.walletLink === undefined &&
          flow.nextAttemptAt !== null &&
          !flow.awaitingUnlock,
      )
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

  return { startBinding, startRevokeFlow, getFlows, submitBinding, clearFlow, failFlow, resumeDue }
}

/** A flow cleared while its step ran is simply gone; anything else is a real error. */
function ignoreCleared(error: unknown): undefined {
  if (error instanceof FlowClearedError) return undefined
  throw error
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
