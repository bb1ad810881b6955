/**
 * Wallet bindings, Ethereum and Solana (issue 5, §6.4, §6.5): a wallet in the active web page gives
 * its account → the user confirms "bind this address" (a page could hand us anyone's address, so
 * the avatar signs nothing before that) → the avatar signs the payload → the wallet signs the SAME
 * payload (personal_sign / signMessage) → the signature is verified here → POST /v1/proof → exists
 * → done.
 *
 * The action popup closes as soon as the wallet's own window takes focus, so everything after the
 * confirmation runs here in the background and is persisted in the flow store at every step.
 */
import { createProofServiceClient } from '../../../src/client/index.js'
import { encodeBase64 } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requirePlainObject, requireString } from '../../../src/input.js'
import type { FlowStatus, FlowStep, PopupApi, WalletBindingFlow } from '../../messaging/catalogue.js'
import { NotFoundError } from '../errors.js'
import { parseWalletList, requireWalletId } from '../page-wallets/wallet-answers.js'
import { chainWallet } from '../page-wallets/wallet-chains.js'
import type { WalletPage, WalletPages } from '../page-wallets/wallet-page.js'
import { WalletPageChangedError } from '../page-wallets/wallet-page-errors.js'
import type { RecordStore } from '../storage/storage-ports.js'
import { signWithAvatar } from '../vault/sign-with-avatar.js'
import { requestBindingPayload } from './binding-payload.js'
import {
  createFlowSaver,
  createFlowStore,
  freshFlowState,
  ignoreCleared,
  toBindingFlow,
  type WalletFlowRecord as WalletFlow,
} from './flow-store.js'
import type { SigningFlowDeps } from './revoke-flow.js'

export type WalletFlowDeps = Omit<SigningFlowDeps, 'requests'> & {
  /** The flow store's records (storage.local in the extension), shared with the flow engine. */
  store: RecordStore
  pages: WalletPages
  now: () => number
  /** The engine's submission of a wallet flow with a verified wallet signature (binding-flows.ts submitWalletFlow). */
  submit: (flow: WalletFlow, expectedStep: FlowStep) => Promise<WalletFlow>
  /** How often a wallet request checks that its flow was not cleared (default 1 s). */
  clearedCheckMs?: number
}

type PageWallets = PopupApi['findWallets']['result']

const CLEARED_CHECK_MS = 1_000

export type WalletFlows = ReturnType<typeof createWalletFlows>

/** findWallets / connectWallet / confirmWalletBinding / retryWalletBinding, and resume for worker starts. */
export function createWalletFlows(deps: WalletFlowDeps) {
  const flows = createFlowStore(deps.store)
  // Flows whose wallet request or submission runs in this worker right now.
  const running = new Set<string>()

  const proofService = async () =>
    createProofServiceClient({ baseUrl: (await deps.settings.get()).endpoints.proofServiceUrl, fetch: deps.fetch })

  const save = createFlowSaver(flows, deps.now)

  async function withPage<T>(open: () => Promise<WalletPage>, use: (page: WalletPage) => Promise<T>): Promise<T> {
    const page = await open()
    try {
      return await use(page)
    } finally {
      page.close()
    }
  }

  async function findWallets(): Promise<PageWallets> {
    return deps.session.track(async () => {
      await deps.session.open()
      return withPage(
        () => deps.pages.openActive(),
        async (page) => ({
          origin: page.origin,
          wallets: parseWalletList(await page.discover()),
        }),
      )
    })
  }

  async function connectWallet(params: unknown): Promise<WalletBindingFlow> {
    const walletId = requireWalletId(requirePlainObject(params, 'params').walletId)
    return deps.session.track(async () => {
      const avatarId = (await deps.session.open()).record.currentAvatarId
      const flow = await withPage(
        () => deps.pages.openActive(),
        async (page): Promise<WalletFlow> => {
          const wallet = parseWalletList(await page.discover()).find((entry) => entry.id === walletId)
          if (!wallet) throw new NotFoundError('this wallet in the page (look for wallets again)')
          const chain = chainWallet(wallet.chain)
          const address = await chain.requestAccount(page, walletId)
          const now = deps.now()
          return {
            id: crypto.randomUUID(),
            kind: 'wallet',
            action: 'create',
            platform: wallet.chain,
            identity: chain.identityOf(address),
            avatarId,
            step: 'confirm-wallet',
            wallet: { name: wallet.name, icon: wallet.icon, rdns: wallet.rdns, address, origin: page.origin },
            ...freshFlowState(now),
            uuid: '',
            payloadCreatedAt: '',
            signPayload: '',
            signature: '',
            language: 'en',
            walletLink: { tabId: page.tabId, walletId, walletSignature: '' },
          }
        },
      )
      await flows.put(flow)
      return toBindingFlow(flow)
    })
  }

  /** The wallet flow `flowId` names, or NOT_FOUND. */
  async function getWalletFlow(params: unknown): Promise<WalletFlow> {
    const flowId = requireString(requirePlainObject(params, 'params').flowId, 'flowId')
    const flow = await flows.get(flowId)
    if (flow?.kind !== 'wallet') throw new NotFoundError('wallet flow')
    return flow
  }

  async function confirmWalletBinding(params: unknown): Promise<WalletBindingFlow> {
    const flow = await getWalletFlow(params)
    if (flow.step !== 'confirm-wallet') {
      if (flow.step === 'failed') throw new InvalidInputError('flowId', 'names a failed flow: try it again instead')
      return toBindingFlow(flow) // already confirmed: a second tap changes nothing
    }
    return sign(flow)
  }

  /**
   * "Try again": a flow that failed while submitting a verified wallet signature (the service was
   * down) submits it again, with no new wallet prompt; any other failure signs a fresh payload.
   */
  async function retryWalletBinding(params: unknown): Promise<WalletBindingFlow> {
    const flow = await getWalletFlow(params)
    if (flow.step !== 'failed') throw new InvalidInputError('flowId', `names a flow in step ${flow.step}, not failed`)
    if (flow.walletLink.walletSignature === '') return sign(flow)
    return toBindingFlow(await deps.submit(flow, 'failed'))
  }

  /**
   * A fresh payload signed by the avatar, then the wallet's turn runs on here without the popup.
   * The flow is marked running before the first await, so a second tap (or a second popup) that
   * arrives meanwhile signs nothing; the store write also checks the step it started from.
   */
  function sign(flow: WalletFlow): Promise<WalletBindingFlow> {
    if (running.has(flow.id)) return Promise.resolve(toBindingFlow(flow))
    running.add(flow.id)
    const signing = deps.session.track(async () => {
      const vault = await deps.session.open()
      // The avatar signs only a payload that binds exactly the confirmed address.
      const request = {
        action: 'create' as const,
        platform: flow.platform,
        identity: flow.identity,
        avatarId: flow.avatarId,
      }
      const { payload } = await requestBindingPayload(await proofService(), request)
      const signature = encodeBase64(await signWithAvatar(vault, flow.avatarId, payload.signPayload))
      const next = await save(
        flow,
        {
          step: 'wallet-sign',
          uuid: payload.uuid,
          payloadCreatedAt: payload.createdAt,
          signPayload: payload.signPayload,
          signature,
          attempts: 0,
          nextAttemptAt: null,
          status: null,
          walletLink: { ...flow.walletLink, walletSignature: '' },
        },
        flow.step,
      )
      void walletSigns(next)
        .catch(() => undefined) // storage failing: nothing left to tell
        .finally(() => running.delete(next.id))
      return toBindingFlow(next)
    })
    return signing.catch((error: unknown) => {
      running.delete(flow.id)
      throw error
    })
  }

  /**
   * The wallet signs the same payload in its page; only a signature by the confirmed address is kept.
   * A flow cleared meanwhile ends here: its page is closed (the wait is not held open for nothing)
   * and nothing is submitted.
   */
  async function walletSigns(flow: WalletFlow): Promise<void> {
    let signed: WalletFlow
    try {
      const { tabId, walletId } = flow.walletLink
      const { wallet } = flow
      const signature = await withPage(
        () => deps.pages.open(tabId),
        (page) =>
          whileFlowExists(flow.id, page, () => {
            if (page.origin !== wallet.origin) throw new WalletPageChangedError(wallet.origin, page.origin)
            return chainWallet(flow.platform).requestSignature(page, walletId, wallet.address, flow.signPayload)
          }),
      )
      const walletLink = { ...flow.walletLink, walletSignature: signature }
      signed = await save(flow, { walletLink }, 'wallet-sign')
    } catch (error) {
      const status: FlowStatus = { code: 'error', errorCode: errorCodeOf(error) }
      await save(flow, { step: 'failed', nextAttemptAt: null, status }, 'wallet-sign').catch(ignoreCleared)
      return
    }
    await deps.submit(signed, 'wallet-sign').catch(ignoreCleared)
  }

  /** Runs `request` on `page`, closing the page (which fails the request) once the flow is cleared. */
  async function whileFlowExists<T>(flowId: string, page: WalletPage, request: () => Promise<T>): Promise<T> {
    const watch = setInterval(() => {
      void flows
        .get(flowId)
        .then((current) => {
          if (current === undefined) page.close()
        })
        .catch(() => undefined)
    }, deps.clearedCheckMs ?? CLEARED_CHECK_MS)
    try {
      return await request()
    } finally {
      clearInterval(watch)
    }
  }

  const fail = (flow: WalletFlow, status: FlowStatus) => save(flow, { step: 'failed', nextAttemptAt: null, status })

  /**
   * At worker start: a wallet request of the old worker died with it (its Port closed), so that flow
   * fails with a reason and can be tried again. A verified signature waiting to be submitted is the
   * engine's: its retry wakes the worker like every other flow's.
   */
  async function resume(): Promise<void> {
    for (const flow of await flows.list()) {
      if (flow.kind !== 'wallet' || running.has(flow.id)) continue
      if (flow.step === 'wallet-sign') await fail(flow, { code: 'interrupted' }).catch(ignoreCleared)
    }
  }

  return { findWallets, connectWallet, confirmWalletBinding, retryWalletBinding, resume }
}

/** The stable code of an error from the wallet's page or our own code. */
function errorCodeOf(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'INTERNAL'
}
