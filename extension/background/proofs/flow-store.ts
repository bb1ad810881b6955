/**
 * Binding flows in storage.local under a versioned key. A flow holds only public data (the
 * payload, its uuid and created_at, the avatar's signature that the post publishes anyway), so it
 * survives lock and restart. Every record is checked on read; a damaged one is dropped alone.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { isPlatform, type Platform, POST_PLATFORMS, type PostPlatform } from '../../../src/platforms/index.js'
import type {
  BindingFlow,
  FlowStep,
  PostBindingFlow,
  PostFlowStep,
  RevokeBindingFlow,
  RevokeFlowStep,
  WalletBindingFlow,
  WalletFlowStep,
} from '../../messaging/catalogue.js'
import { isFlowStatus } from '../../messaging/flow-status.js'
import { NotFoundError } from '../errors.js'
import type { WalletChain } from '../page-wallets/wallet-answers.js'
import { createSerialQueue } from '../storage/serial-queue.js'
import type { RecordStore } from '../storage/storage-ports.js'
import { publishUrlFor } from './publish-page.js'
import {
  isWalletLink,
  isWalletOfFlow,
  isWalletSignature,
  type WalletLink,
  walletIdentity,
} from './wallet-flow-record.js'

export const FLOWS_KEY = 'binding-flows/v1'

/** What a (re)submission needs besides what the popup sees. */
type SignedPayload = {
  /** From POST /v1/proof/payload (§4.4), sent back unchanged at submit (§4.5). */
  uuid: string
  payloadCreatedAt: string
  signPayload: string
  /** Standard base64 of the avatar's 65-byte signature over signPayload. */
  signature: string
  language: string
  /** The chain moved while locked: a fresh payload must be signed once the vault is unlocked. */
  awaitingUnlock: boolean
}

/** A post flow as stored: its platform is one whose proof is published. */
export type PostFlowRecord = Omit<PostBindingFlow, 'platform'> & SignedPayload & { platform: PostPlatform }

/** A wallet flow as stored: where the wallet is and what it signed (wallet-flow-record.ts). */
export type WalletFlowRecord = Omit<WalletBindingFlow, 'platform'> &
  SignedPayload & { platform: WalletChain; walletLink: WalletLink }

/**
 * A confirmed revoke as stored: signed by the avatar (`signature`), or by the bound wallet alone
 * (`walletSignature`, in the chain's encoding; the avatar signs nothing then, §6.4 delete (a)).
 */
export type RevokeFlowRecord = Omit<RevokeBindingFlow, 'platform'> &
  SignedPayload & { platform: Platform; walletSignature: string }

/** A flow as stored: what the popup sees plus what a (re)submission needs, one shape per kind. */
export type StoredFlow = PostFlowRecord | WalletFlowRecord | RevokeFlowRecord

const POST_STEPS: readonly PostFlowStep[] = ['publish', 'submit', 'done', 'failed']
const WALLET_STEPS: readonly WalletFlowStep[] = ['confirm-wallet', 'wallet-sign', 'submit', 'done', 'failed']
const REVOKE_STEPS: readonly RevokeFlowStep[] = ['submit', 'done', 'failed']
const STRINGS = [
  'id',
  'platform',
  'identity',
  'avatarId',
  'uuid',
  'payloadCreatedAt',
  'signPayload',
  'signature',
  'language',
]
const POST_STRINGS = ['postText', 'publishUrl', 'proofLocation']
const NUMBERS = ['attempts', 'createdAt', 'updatedAt']

/** True when `value` is a well-formed stored flow. */
export function isStoredFlow(value: unknown): value is StoredFlow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const flow = value as Record<string, unknown>
  return (
    STRINGS.every((name) => typeof flow[name] === 'string') &&
    typeof flow.kind === 'string' &&
    Object.hasOwn(KIND_CHECKS, flow.kind) &&
    KIND_CHECKS[flow.kind as StoredFlow['kind']](flow) &&
    NUMBERS.every((name) => Number.isSafeInteger(flow[name]) && (flow[name] as number) >= 0) &&
    (flow.nextAttemptAt === null || Number.isSafeInteger(flow.nextAttemptAt)) &&
    (flow.checkUntil === null || Number.isSafeInteger(flow.checkUntil)) &&
    (flow.status === null || isFlowStatus(flow.status)) &&
    typeof flow.awaitingUnlock === 'boolean' &&
    /^0x[0-9a-f]{66}$/.test(flow.avatarId as string) &&
    (/^[0-9a-f-]{36}$/.test(flow.uuid as string) || isUnconfirmedWalletFlow(flow))
  )
}

/**
 * A flow whose proof the user publishes: no wallet. The popup opens `publishUrl` in a tab, so it
 * must be the page the engine derives from the flow (X's intent with this text, the new-gist page,
 * or none), never a URL that a damaged or planted record brought along.
 */
function isPostFlow(flow: Record<string, unknown>): boolean {
  return (
    !('wallet' in flow) &&
    !('walletLink' in flow) &&
    (flow.action === 'create' || flow.action === 'delete') &&
    POST_STEPS.includes(flow.step as PostFlowStep) &&
    POST_STRINGS.every((name) => typeof flow[name] === 'string') &&
    typeof flow.needsProofLocation === 'boolean' &&
    (POST_PLATFORMS as readonly unknown[]).includes(flow.platform) &&
    flow.publishUrl === publishUrlFor(flow.platform as PostPlatform, flow.postText as string)
  )
}

/** A wallet flow (Ethereum or Solana): the wallet's account is the identity, and there is nothing to publish. */
function isWalletFlow(flow: Record<string, unknown>): boolean {
  const chain = flow.platform
  return (
    (chain === 'ethereum' || chain === 'solana') &&
    flow.action === 'create' &&
    WALLET_STEPS.includes(flow.step as WalletFlowStep) &&
    POST_STRINGS.every((name) => !(name in flow)) &&
    !('needsProofLocation' in flow) &&
    isWalletOfFlow(flow.wallet, chain) &&
    flow.identity === walletIdentity(chain, flow.wallet.address) &&
    isWalletLink(flow.walletLink, chain)
  )
}

/** A confirmed revoke: the avatar's signature, or only the bound wallet's; nothing to publish. */
function isRevokeFlow(flow: Record<string, unknown>): boolean {
  const bySigner =
    flow.signer === 'avatar'
      ? flow.signature !== '' && flow.walletSignature === ''
      : flow.signer === 'wallet' &&
        flow.signature === '' &&
        (flow.platform === 'ethereum' || flow.platform === 'solana') &&
        isWalletSignature(flow.walletSignature, flow.platform)
  return (
    flow.action === 'delete' &&
    REVOKE_STEPS.includes(flow.step as RevokeFlowStep) &&
    isPlatform(flow.platform) &&
    bySigner &&
    [...POST_STRINGS, 'needsProofLocation', 'wallet', 'walletLink'].every((name) => !(name in flow))
  )
}

const KIND_CHECKS: Record<StoredFlow['kind'], (flow: Record<string, unknown>) => boolean> = {
  post: isPostFlow,
  wallet: isWalletFlow,
  revoke: isRevokeFlow,
}

/** Before the user confirms the address no payload is asked for: its fields are still empty. */
function isUnconfirmedWalletFlow(flow: Record<string, unknown>): boolean {
  return flow.kind === 'wallet' && flow.step === 'confirm-wallet' && flow.uuid === '' && flow.signature === ''
}

/** Where every new flow starts: no attempt, no status, created and updated `now`. */
export function freshFlowState(now: number) {
  return {
    attempts: 0,
    nextAttemptAt: null,
    checkUntil: null,
    status: null,
    createdAt: now,
    updatedAt: now,
    awaitingUnlock: false,
  } as const
}

/** What a step may change in a stored flow: the fields of its kind (a write checks the result, isStoredFlow). */
export type FlowChange = Partial<PostFlowRecord> | Partial<WalletFlowRecord> | Partial<RevokeFlowRecord>

/** A step of the engine that keeps the flow's kind: a post flow stays a post flow. */
export type KindKeepingStep = <F extends StoredFlow>(flow: F) => Promise<F>

/** The public view of a stored flow (nothing the popup does not need). */
export function toBindingFlow<F extends StoredFlow>(flow: F): Extract<BindingFlow, { kind: F['kind'] }>
export function toBindingFlow(flow: StoredFlow): BindingFlow {
  if (flow.kind === 'wallet') {
    const { uuid, payloadCreatedAt, signPayload, signature, language, awaitingUnlock, walletLink, ...view } = flow
    return view
  }
  if (flow.kind === 'revoke') {
    const { uuid, payloadCreatedAt, signPayload, signature, language, awaitingUnlock, walletSignature, ...view } = flow
    return view
  }
  const { uuid, payloadCreatedAt, signPayload, signature, language, awaitingUnlock, ...view } = flow
  return view
}

export type FlowStore = ReturnType<typeof createFlowStore>

/** The flow was cleared (or replaced by a newer step) while a step of it ran: that step's result is dropped. */
export class FlowClearedError extends NotFoundError {
  constructor() {
    super('binding flow')
  }
}

// One queue for every flow store of this context: the engine and the wallet flows each hold a store
// over the same storage key, and their read-modify-write steps must not interleave.
const serial = createSerialQueue()

/** Reads and writes the flows; writes are serialised so concurrent updates never lose one. */
export function createFlowStore(store: RecordStore) {
  async function list(): Promise<StoredFlow[]> {
    const stored = await store.get(FLOWS_KEY)
    const flows = typeof stored === 'object' && stored !== null ? (stored as { flows?: unknown }).flows : undefined
    return Array.isArray(flows) ? flows.map(fromEarlierVersion).filter(isStoredFlow) : []
  }

  /** Applies `change` to the list atomically (with respect to this store) and saves it. */
  function update<T>(change: (flows: StoredFlow[]) => T): Promise<T> {
    return serial(async () => {
      const flows = await list()
      const result = change(flows)
      await store.set(FLOWS_KEY, { version: 1, flows })
      return result
    })
  }

  return {
    list,
    async get(id: string): Promise<StoredFlow | undefined> {
      return (await list()).find((flow) => flow.id === id)
    },
    /** Inserts or replaces one flow. */
    put: (flow: StoredFlow) =>
      update((flows) => {
        requireStoredFlow(flow)
        const index = flows.findIndex((entry) => entry.id === flow.id)
        if (index === -1) flows.push(flow)
        else flows[index] = flow
      }),
    /**
     * Replaces a flow that still exists (and, given `expectedStep`, is still in that step); false,
     * nothing written, when it was cleared or moved on meanwhile. The check and the write are one
     * step of the queue, so no other write of this context comes between them.
     */
    replace: (flow: StoredFlow, expectedStep?: FlowStep) =>
      update((flows) => {
        requireStoredFlow(flow)
        const index = flows.findIndex((entry) => entry.id === flow.id)
        const current = flows[index]
        if (current === undefined || (expectedStep !== undefined && current.step !== expectedStep)) return false
        flows[index] = flow
        return true
      }),
    remove: (id: string) =>
      update((flows) => {
        const index = flows.findIndex((entry) => entry.id === id)
        if (index !== -1) flows.splice(index, 1)
        return index !== -1
      }),
  }
}

/** A flow cleared while its step ran is simply gone (the step ends there); anything else is a real error. */
export function ignoreCleared(error: unknown): undefined {
  if (error instanceof FlowClearedError) return undefined
  throw error
}

/**
 * Saves a changed flow, stamped `now()`; with `expectedStep`, only if the stored flow is still in it.
 * FlowClearedError when the user cleared it (or another tap moved it on) meanwhile: the step that
 * was running stops there — nothing is signed on, submitted or announced for it.
 */
export function createFlowSaver(flows: FlowStore, now: () => number) {
  return async <F extends StoredFlow>(flow: F, change: FlowChange, expectedStep?: FlowStep): Promise<F> => {
    const next = { ...flow, ...change, updatedAt: now() } as F
    if (!(await flows.replace(next, expectedStep))) throw new FlowClearedError()
    return next
  }
}

/** A flow about to be written must read back: a malformed one would be dropped silently on the next read. */
function requireStoredFlow(flow: StoredFlow): void {
  if (!isStoredFlow(flow)) throw new InvalidInputError('flow', 'is not a well-formed flow record; nothing was written')
}

/**
 * A flow written by an earlier version, brought to today's shape so an update loses no flow in
 * progress: before flows had a `kind` they carried an English `error` and a `publishHint` where
 * codes are now (the old sentence is not kept: the popup words statuses itself, a failed flow says
 * only that it failed); until flows became one type per kind, a post flow held `wallet: null` and
 * a wallet flow empty post fields.
 */
function fromEarlierVersion(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const { error, publishHint: _hint, ...flow } = value as Record<string, unknown>
  if (!('kind' in flow)) {
    const failed = flow.step === 'failed' && typeof error === 'string' && error !== ''
    flow.status = 'status' in flow ? flow.status : failed ? { code: 'error', errorCode: 'EARLIER_VERSION' } : null
    flow.kind = flow.walletLink === undefined ? 'post' : 'wallet'
    flow.checkUntil = flow.checkUntil ?? null
  }
  if (flow.kind === 'post' && flow.wallet === null) delete flow.wallet
  if (flow.kind === 'wallet' && flow.postText === '' && flow.publishUrl === '' && flow.proofLocation === '') {
    for (const name of [...POST_STRINGS, 'needsProofLocation']) delete flow[name]
  }
  return flow
}
