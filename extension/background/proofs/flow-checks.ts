/**
 * The checking half of the flow engine (issue 11): one submission for every kind of flow, what its
 * outcome means — decided by facts, never by the service's words — and the one retry schedule
 * (an in-worker timer for short waits, chrome.alarms to wake a stopped worker).
 */
import type { ProofServiceClient } from '../../../src/client/index.js'
import { decodeBase64 } from '../../../src/crypto/index.js'
import { postFacts } from '../../../src/platforms/index.js'
import { POST_PATIENCE_MS } from '../../../src/platforms/patience.js'
import type { FlowStatus, FlowStep } from '../../messaging/catalogue.js'
import { LockedError, PayloadMismatchError } from '../errors.js'
import type { OpenedVault } from '../vault/vault-session.js'
import type { BindingFlowDeps } from './binding-flows.js'
import { hasChainMoved } from './chain-head.js'
import {
  type createFlowStore,
  type FlowChange,
  FlowClearedError,
  ignoreCleared,
  type KindKeepingStep,
  type PostFlowRecord,
  type RevokeFlowRecord,
  type StoredFlow,
  toBindingFlow,
} from './flow-store.js'
import { isRevokeProofPlatform } from './revoke-needs-proof.js'
import { classifySubmitError, DEFAULT_RETRY_DELAYS_MS, nextRetryDelay } from './submit-outcome.js'

/** A flow whose payload the avatar signs again by itself when the chain moves (no wallet involved). */
export type AvatarSignedFlow = PostFlowRecord | RevokeFlowRecord

export type SignedAgain = Pick<StoredFlow, 'uuid' | 'payloadCreatedAt' | 'signPayload' | 'signature'> &
  Partial<Pick<PostFlowRecord, 'postText' | 'publishUrl'>>

/** What the checks share with the rest of the engine. */
export type FlowChecksContext = {
  deps: BindingFlowDeps
  flows: ReturnType<typeof createFlowStore>
  proofService: () => Promise<ProofServiceClient>
  save: <F extends StoredFlow>(flow: F, change: FlowChange, expectedStep?: FlowStep) => Promise<F>
  /** A fresh payload signed by the flow's avatar (and a post flow's new text): what a moved chain needs. */
  signedPayload: (vault: OpenedVault, flow: AvatarSignedFlow) => Promise<SignedAgain>
}

/** attempt / refresh, and resumeDue for wakes. */
export function createFlowChecks({ deps, flows, proofService, save, signedPayload }: FlowChecksContext) {
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const running = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined

  /**
   * One submission with the stored values, for every kind of flow: a post flow's proof location,
   * or a wallet flow's verified wallet signature (§4.5, §6.4, §6.5); the outcome decides the next step.
   */
  async function attemptOnce(flow: StoredFlow): Promise<StoredFlow> {
    if (running.has(flow.id)) return flow
    running.add(flow.id)
    try {
      const attempts = flow.attempts + 1
      const client = await proofService()
      try {
        const binding = { platform: flow.platform, identity: flow.identity, publicKey: flow.avatarId }
        await client.submitProof({
          action: flow.action,
          ...binding,
          ...proofOf(flow),
          uuid: flow.uuid,
          createdAt: flow.payloadCreatedAt,
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
      moved = await hasChainMoved(client, flow)
    } catch (readError) {
      const read = classifySubmitError(readError)
      if (read.kind !== 'outage') return fail(flow, attempts, { code: 'error', errorCode: errorCodeOf(read) })
      return waitAndRetry(flow, attempts, { code: 'service-unreachable', httpStatus: read.httpStatus })
    }
    const { serviceMessage } = outcome
    if (flow.kind === 'post') {
      if (moved) return refresh(flow)
      return waitAndRetry(flow, attempts, { code: 'not-accepted-yet', serviceMessage })
    }
    // The proof is in the request itself (a signature), so a refusal will not change by waiting.
    if (flow.kind === 'wallet' || flow.signer === 'wallet') {
      // A wallet signed this payload: a moved chain needs its signature again ("Try again").
      return fail(flow, attempts, moved ? { code: 'wallet-resign' } : { code: 'refused', serviceMessage })
    }
    if (moved) return refresh({ ...flow, attempts })
    // Some services want a newly published proof to revoke (§7.2): the popup offers that flow.
    const refusal = isRevokeProofPlatform(flow.platform) ? 'needs-proof' : 'refused'
    return fail(flow, attempts, { code: refusal, serviceMessage })
  }

  /** The next check after the backoff, or the end once the platform's patience has run out. */
  function waitAndRetry<F extends StoredFlow>(
    flow: F,
    attempts: number,
    status: Extract<FlowStatus, { code: 'not-accepted-yet' | 'service-unreachable' }>,
  ): Promise<F> {
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
  function fail<F extends StoredFlow>(flow: F, attempts: number, status: FlowStatus): Promise<F> {
    const ended = { step: 'failed', attempts, nextAttemptAt: null, status } as const
    if (flow.kind === 'wallet' && status.code !== 'service-unreachable') {
      return save(flow, { ...ended, walletLink: { ...flow.walletLink, walletSignature: '' } })
    }
    return save(flow, ended)
  }

  /**
   * The chain moved: sign a fresh payload — a post flow goes back to publish its new text, a revoke
   * the user confirmed is submitted again at once. While locked, wait for unlock.
   */
  async function refreshOnce(flow: AvatarSignedFlow): Promise<AvatarSignedFlow> {
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
      if (flow.kind === 'revoke') {
        // Due at once: the next check submits the fresh signature (scheduleNext runs it).
        return await save(flow, {
          ...signed,
          step: 'submit',
          nextAttemptAt: deps.now(),
          awaitingUnlock: false,
          status: null,
        })
      }
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
        return waitAndRetry({ ...flow, step: 'submit' as const }, flow.attempts, status)
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
        if (unlocked && flow.kind !== 'wallet') await refresh(flow).catch(ignoreCleared)
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

  // Every step keeps the flow's kind (save spreads over the flow): a post flow comes back a post flow.
  const attempt = attemptOnce as KindKeepingStep
  const refresh = refreshOnce as <F extends AvatarSignedFlow>(flow: F) => Promise<F>
  return { attempt, refresh, resumeDue }
}

/**
 * What proves the binding: the avatar's signature, with where a post flow's proof is published or
 * the verified signature of a wallet flow's wallet; a revoke by the bound wallet carries only the
 * wallet's (§4.5, §6.4 delete (a), §6.5).
 */
function proofOf(flow: StoredFlow): { signature?: Uint8Array; proofLocation?: string; walletSignature?: string } {
  if (flow.kind === 'revoke' && flow.signer === 'wallet') return { walletSignature: flow.walletSignature }
  const signature = decodeBase64(flow.signature, 'signature')
  if (flow.kind === 'wallet') return { signature, walletSignature: flow.walletLink.walletSignature }
  if (flow.kind === 'revoke' || flow.proofLocation === '') return { signature }
  return { signature, proofLocation: flow.proofLocation }
}

/** How long checking goes on: the platform's patience; a wallet flow waits as long as a post would. */
export function patienceOf(flow: StoredFlow): number {
  if (flow.kind !== 'post') return POST_PATIENCE_MS
  return postFacts(flow.platform).patienceMs
}

function errorCodeOf(outcome: ReturnType<typeof classifySubmitError>): string {
  return outcome.kind === 'internal' ? outcome.errorCode : 'SERVICE_ERROR'
}
