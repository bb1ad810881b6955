/**
 * The binding flow engine (issue 5, issue 11): payload → sign → publish → submit → confirm,
 * persisted at every step. Submitting needs no secret (the signature is public once posted), so
 * retries run while locked; only a moved chain (a fresh payload to sign, §4.5) waits for unlock.
 * Decisions come from facts, never from the service's words: an outage is waited out, a refusal
 * re-reads the chain head (chain-head.ts), and checking goes on for the platform's patience.
 */
import { createProofServiceClient, type FetchFunction, type ProofServiceClient } from '../../../src/client/index.js'
import { encodeBase64 } from '../../../src/crypto/index.js'
import { requirePlainObject, requireString } from '../../../src/input.js'
import { parseIdentityInput } from '../../../src/platforms/index.js'
import { POST_PATIENCE_MS } from '../../../src/platforms/patience.js'
import type {
  BindingFlow,
  FlowStatus,
  FlowStep,
  PostBindingFlow,
  RevokeBindingFlow,
} from '../../messaging/catalogue.js'
import { FlowStepError, LockedError, NotFoundError } from '../errors.js'
import type { SettingsStore } from '../storage/settings.js'
import type { RecordStore } from '../storage/storage-ports.js'
import { signWithAvatar } from '../vault/sign-with-avatar.js'
import type { OpenedVault, VaultSession } from '../vault/vault-session.js'
import { requestBindingPayload } from './binding-payload.js'
import { hasChainMoved } from './chain-head.js'
import { type AvatarSignedFlow, createFlowChecks, patienceOf, type SignedAgain } from './flow-checks.js'
import {
  createFlowSaver,
  createFlowStore,
  type FlowChange,
  freshFlowState,
  type PostFlowRecord,
  type RevokeFlowRecord,
  type StoredFlow,
  toBindingFlow,
  type WalletFlowRecord,
} from './flow-store.js'
import { needsProofLocation, parsePostPlatform, parseProofLocation } from './proof-location.js'
import { choosePostText, publishUrlFor } from './publish-page.js'
import { parseRevokeProofPlatform } from './revoke-needs-proof.js'

/** A confirmed revoke, signed, as the revoke steps hand it to the engine. */
export type SignedRevoke = Pick<
  RevokeFlowRecord,
  | 'platform'
  | 'identity'
  | 'avatarId'
  | 'signer'
  | 'uuid'
  | 'payloadCreatedAt'
  | 'signPayload'
  | 'signature'
  | 'walletSignature'
>

/** What the avatar signs a fresh payload for: a post flow (new or moved) or a confirmed revoke. */
type SigningRequest =
  | Pick<PostFlowRecord, 'kind' | 'action' | 'platform' | 'identity' | 'avatarId' | 'language'>
  | Pick<RevokeFlowRecord, 'kind' | 'action' | 'platform' | 'identity' | 'avatarId'>

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

  const proofService = async (): Promise<ProofServiceClient> =>
    createProofServiceClient({ baseUrl: (await deps.settings.get()).endpoints.proofServiceUrl, fetch: deps.fetch })

  const save = createFlowSaver(flows, deps.now)

  /**
   * A fresh payload signed by the flow's avatar: what submit needs, and for a post flow the text to
   * publish (and the page that publishes it).
   */
  async function signedPayload(vault: OpenedVault, flow: SigningRequest) {
    const { payload } = await requestBindingPayload(await proofService(), flow)
    const signature = encodeBase64(await signWithAvatar(vault, flow.avatarId, payload.signPayload))
    const signed = {
      uuid: payload.uuid,
      payloadCreatedAt: payload.createdAt,
      signPayload: payload.signPayload,
      signature,
    }
    return { signed, postContent: payload.postContent }
  }

  /** A post flow's freshly signed payload with its text to publish (and the page that publishes it) filled in. */
  async function signedPost(vault: OpenedVault, flow: Omit<Extract<SigningRequest, { kind: 'post' }>, 'kind'>) {
    const { signed, postContent } = await signedPayload(vault, { ...flow, kind: 'post' })
    const postText = choosePostText({ ...flow, postContent, signature: signed.signature })
    return { ...signed, postText, publishUrl: publishUrlFor(flow.platform, postText) }
  }

  /** What a moved chain needs: a fresh signature (and a post flow's new text). */
  const signedAgain = async (vault: OpenedVault, flow: AvatarSignedFlow): Promise<SignedAgain> =>
    flow.kind === 'post' ? signedPost(vault, flow) : (await signedPayload(vault, flow)).signed

  const { attempt, refresh, resumeDue } = createFlowChecks({
    deps,
    flows,
    proofService,
    save,
    signedPayload: signedAgain,
  })

  /** A new flow: `create` binds; `delete` revokes where the service wants a new proof for it (§7.2). */
  async function begin(action: PostFlowRecord['action'], params: unknown): Promise<PostBindingFlow> {
    const input = requirePlainObject(params, 'params')
    const platform = action === 'delete' ? parseRevokeProofPlatform(input.platform) : parsePostPlatform(input.platform)
    // Checked before anything is asked for or signed; the error keeps the user's words.
    const identity = parseIdentityInput(platform, input.identity)
    const language = input.language === undefined ? 'en' : requireString(input.language, 'language') || 'en'
    return deps.session.track(async () => {
      const vault = await deps.session.open()
      const avatarId = vault.record.currentAvatarId
      const signed = await signedPost(vault, { action, platform, identity, avatarId, language })
      const now = deps.now()
      const flow: PostFlowRecord = {
        id: crypto.randomUUID(),
        kind: 'post',
        action,
        platform,
        identity,
        avatarId,
        step: 'publish',
        ...signed,
        needsProofLocation: needsProofLocation(platform),
        proofLocation: '',
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

  /** The flow `params.flowId` names if it is of one of `kinds`, or NOT_FOUND. */
  async function flowOf<K extends StoredFlow['kind']>(params: unknown, kinds: readonly K[]) {
    const flowId = requireString(requirePlainObject(params, 'params').flowId, 'flowId')
    const flow = await flows.get(flowId)
    if (!flow || !(kinds as readonly string[]).includes(flow.kind)) throw new NotFoundError('binding flow')
    return flow as Extract<StoredFlow, { kind: K }>
  }

  // Wallet flows have steps of their own before submitting (wallet-flows.ts).
  const postFlow = (params: unknown) => flowOf(params, ['post'])
  const avatarSignedFlow = (params: unknown) => flowOf(params, ['post', 'revoke'])

  async function submitBinding(params: unknown): Promise<PostBindingFlow> {
    await deps.session.enforceDeadline()
    const flow = await postFlow(params)
    if (flow.step === 'done') return toBindingFlow(flow)
    if (flow.awaitingUnlock) {
      // The chain moved earlier: hand out the freshly signed text now, or say the vault is locked.
      const refreshed = await refresh(flow)
      if (refreshed.awaitingUnlock) throw new LockedError()
      return toBindingFlow(refreshed)
    }
    const { platform } = flow
    const input = requirePlainObject(params, 'params')
    const proofLocation = needsProofLocation(platform) ? parseProofLocation(platform, input.proofLocation) : ''
    return toBindingFlow(await attempt(await startChecking(flow, { proofLocation })))
  }

  /** Into the verify step: checks start now and go on for the platform's patience. */
  function startChecking<F extends StoredFlow>(flow: F, change: FlowChange, expectedStep?: FlowStep): Promise<F> {
    return save(
      flow,
      {
        ...change,
        step: 'submit',
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
  async function submitWalletFlow(flow: WalletFlowRecord, expectedStep: FlowStep): Promise<WalletFlowRecord> {
    if (flow.walletLink.walletSignature === '') throw new FlowStepError(flow.step)
    const submitting = await startChecking(flow, {}, expectedStep)
    void attempt(submitting).catch(() => undefined) // cleared meanwhile, or storage failing: nothing left to tell
    return submitting
  }

  /**
   * A revoke the user confirmed, signed by the avatar or (`walletSignature`, the avatar signing
   * nothing) by the bound wallet: submitted now, then on the engine's schedule while the service is
   * out of reach. One that succeeds at once leaves no flow behind (the popup says it is revoked).
   */
  async function submitRevoke(revoke: SignedRevoke): Promise<RevokeBindingFlow> {
    const now = deps.now()
    const flow: RevokeFlowRecord = {
      id: crypto.randomUUID(),
      kind: 'revoke',
      action: 'delete',
      step: 'submit',
      ...revoke,
      ...freshFlowState(now),
      checkUntil: now + POST_PATIENCE_MS,
      language: 'en',
    }
    await flows.put(flow)
    const submitted = await attempt(flow)
    if (submitted.step === 'done') await flows.remove(submitted.id)
    return toBindingFlow(submitted)
  }

  /** "Check now": the next check of a waiting flow runs at once. */
  async function checkFlowNow(params: unknown): Promise<PostBindingFlow | RevokeBindingFlow> {
    await deps.session.enforceDeadline()
    const flow = await avatarSignedFlow(params)
    if (flow.step !== 'submit') throw new FlowStepError(flow.step)
    if (flow.awaitingUnlock) return toBindingFlow(await refresh(flow))
    return toBindingFlow(await attempt(flow))
  }

  /**
   * "Start again" on a failed flow. While the chain has not moved, what the user already published
   * still proves the binding: it is checked again (or, if it never got that far, the same text is
   * offered again) and nothing new is signed; a revoke is submitted again. Only a moved chain signs
   * a fresh payload — the avatar's; a revoke the wallet signed then needs the wallet again.
   */
  async function restartFlow(params: unknown): Promise<PostBindingFlow | RevokeBindingFlow> {
    await deps.session.enforceDeadline()
    const flow = await avatarSignedFlow(params)
    if (flow.step !== 'failed') throw new FlowStepError(flow.step)
    if (await hasChainMoved(await proofService(), flow)) {
      if (flow.kind === 'revoke' && flow.signer === 'wallet') {
        return toBindingFlow(await save(flow, { status: { code: 'wallet-resign' } }))
      }
      return toBindingFlow(await refresh(flow))
    }
    if (flow.kind === 'revoke') return toBindingFlow(await attempt(await startChecking(flow, {})))
    const wasSubmitted = flow.attempts > 0
    if (!wasSubmitted) {
      return toBindingFlow(await save(flow, { step: 'publish', status: null, nextAttemptAt: null }))
    }
    return toBindingFlow(await attempt(await startChecking(flow, {})))
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
    const failed = { ...flow, step: 'failed', nextAttemptAt: null, status, updatedAt: deps.now() } as const
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
    submitRevoke,
    resumeDue,
  }
}
