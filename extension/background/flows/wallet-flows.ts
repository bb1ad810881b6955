/**
 * Ethereum wallet bindings (issue 5, §6.4): a wallet in the active web page gives its account →
 * the user confirms "bind this address" (a page could hand us anyone's address, so the avatar
 * signs nothing before that) → the avatar signs the payload → the wallet personal_signs the SAME
 * payload → the signature is verified here → POST /v1/proof → exists → done.
 *
 * The action popup closes as soon as the wallet's own window takes focus, so everything after the
 * confirmation runs here in the background and is persisted in the flow store at every step.
 */
import { createProofServiceClient } from '../../../src/client/index.js'
import { decodeBase64, encodeBase64 } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requirePlainObject, requireString } from '../../../src/input.js'
import { describeProofPayload } from '../../../src/protocol/index.js'
import type { BindingFlow, PopupApi } from '../../messaging/catalogue.js'
import type { SigningFlowDeps } from '../revoke-flow.js'
import { signWithAvatar } from '../sign-with-avatar.js'
import type { RecordStore } from '../storage-ports.js'
import { NotFoundError } from '../wallet-errors.js'
import { createFlowStore, type StoredFlow, toBindingFlow } from './flow-store.js'
import { classifySubmitError } from './submit-outcome.js'
import { parseWalletList, requireWalletId, type WalletChain } from './wallet-answers.js'
import { chainWallet } from './wallet-chains.js'
import type { WalletLink } from './wallet-flow-record.js'
import type { WalletPage, WalletPages } from './wallet-page.js'
import { WalletPageChangedError } from './wallet-page-errors.js'

export type WalletFlowDeps = Omit<SigningFlowDeps, 'requests'> & {
  /** The flow store's records (storage.local in the extension), shared with the flow engine. */
  store: RecordStore
  pages: WalletPages
  now: () => number
  /** Told once when a flow reaches `done` (the engine's notification). */
  onDone?: (flow: BindingFlow) => void
}

type WalletFlow = StoredFlow & { walletLink: WalletLink }
type PageWallets = PopupApi['findWallets']['result']

const INTERRUPTED = 'the extension restarted while the wallet was asked to sign; try again'

export type WalletFlows = ReturnType<typeof createWalletFlows>

/** findWallets / connectWallet / confirmWalletBinding / retryWalletBinding, and resume for worker starts. */
export function createWalletFlows(deps: WalletFlowDeps) {
  const flows = createFlowStore(deps.store)
  // Flows whose wallet request or submission runs in this worker right now.
  const running = new Set<string>()

  const proofService = async () =>
    createProofServiceClient({ baseUrl: (await deps.settings.get()).endpoints.proofServiceUrl, fetch: deps.fetch })

  async function save(flow: WalletFlow, change: Partial<WalletFlow>): Promise<WalletFlow> {
    const next = { ...flow, ...change, updatedAt: deps.now() }
    await flows.replace(next)
    return next
  }

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

  async function connectWallet(params: unknown): Promise<BindingFlow> {
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
            action: 'create',
            platform: wallet.chain,
            identity: chain.identityOf(address),
            avatarId,
            step: 'confirm-wallet',
            postText: '',
            publishHint: '',
            publishUrl: '',
            wallet: { name: wallet.name, icon: wallet.icon, rdns: wallet.rdns, address, origin: page.origin },
            needsProofLocation: false,
            proofLocation: '',
            attempts: 0,
            nextAttemptAt: null,
            error: '',
            createdAt: now,
            updatedAt: now,
            uuid: '',
            payloadCreatedAt: '',
            signPayload: '',
            signature: '',
            language: 'en',
            awaitingUnlock: false,
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
    if (!flow?.walletLink || flow.wallet === null) throw new NotFoundError('wallet flow')
    return flow as WalletFlow
  }

  async function confirmWalletBinding(params: unknown): Promise<BindingFlow> {
    const flow = await getWalletFlow(params)
    if (flow.step !== 'confirm-wallet') {
      if (flow.step === 'failed') throw new InvalidInputError('flowId', 'names a failed flow: try it again instead')
      return toBindingFlow(flow) // already confirmed: a second tap changes nothing
    }
    return sign(flow)
  }

  async function retryWalletBinding(params: unknown): Promise<BindingFlow> {
    const flow = await getWalletFlow(params)
    if (flow.step !== 'failed') throw new InvalidInputError('flowId', `names a flow in step ${flow.step}, not failed`)
    return sign(flow)
  }

  /** A fresh payload signed by the avatar, then the wallet's turn runs on here without the popup. */
  function sign(flow: WalletFlow): Promise<BindingFlow> {
    return deps.session.track(async () => {
      if (running.has(flow.id)) return toBindingFlow(flow)
      const vault = await deps.session.open()
      const client = await proofService()
      const { identity } = flow
      const platform = chainOf(flow)
      const payload = await client.createPayload({ action: 'create', platform, identity, publicKey: flow.avatarId })
      const description = describeProofPayload(payload.signPayload, flow.avatarId)
      // The service chose the string; the avatar signs it only if it binds exactly the confirmed address.
      if (description.action !== 'create' || description.platform !== platform || description.identity !== identity) {
        throw new InvalidInputError('sign_payload', `does not bind ${platform} ${identity}`)
      }
      const signature = encodeBase64(await signWithAvatar(vault, flow.avatarId, payload.signPayload))
      const next = await save(flow, {
        step: 'wallet-sign',
        uuid: payload.uuid,
        payloadCreatedAt: payload.createdAt,
        signPayload: payload.signPayload,
        signature,
        attempts: 0,
        error: '',
        walletLink: { ...flow.walletLink, walletSignature: '' },
      })
      running.add(next.id)
      void walletSigns(next).finally(() => running.delete(next.id))
      return toBindingFlow(next)
    })
  }

  /** The wallet signs the same payload in its page; only a signature by the confirmed address is kept. */
  async function walletSigns(flow: WalletFlow): Promise<WalletFlow> {
    let signed: WalletFlow
    try {
      const { tabId, walletId } = flow.walletLink
      const wallet = flow.wallet as NonNullable<WalletFlow['wallet']>
      const signature = await withPage(
        () => deps.pages.open(tabId),
        async (page) => {
          if (page.origin !== wallet.origin) throw new WalletPageChangedError(wallet.origin, page.origin)
          return chainWallet(chainOf(flow)).requestSignature(page, walletId, wallet.address, flow.signPayload)
        },
      )
      signed = await save(flow, {
        step: 'submit',
        walletLink: { ...flow.walletLink, walletSignature: signature },
      })
    } catch (error) {
      return fail(flow, messageOf(error))
    }
    return submit(signed)
  }

  /** POST /v1/proof with both signatures (§6.4), then GET exists confirms. */
  async function submit(flow: WalletFlow): Promise<WalletFlow> {
    const attempts = flow.attempts + 1
    try {
      const client = await proofService()
      const binding = { platform: chainOf(flow), identity: flow.identity, publicKey: flow.avatarId }
      await client.submitProof({
        action: 'create',
        ...binding,
        uuid: flow.uuid,
        createdAt: flow.payloadCreatedAt,
        signature: decodeBase64(flow.signature, 'signature'),
        walletSignature: flow.walletLink.walletSignature,
      })
      if (!(await client.proofExists(binding))) {
        return fail(flow, 'the service accepted the proof but does not list the binding', attempts)
      }
      const done = await save(flow, { step: 'done', attempts, error: '' })
      deps.onDone?.(toBindingFlow(done))
      return done
    } catch (error) {
      const outcome = classifySubmitError(error)
      // A moved chain needs a fresh payload, which the wallet must sign again: that is "Try again".
      const reason = outcome.kind === 'chain-moved' ? "the avatar's chain changed meanwhile; try again" : outcome.reason
      return fail(flow, reason, attempts)
    }
  }

  const fail = (flow: WalletFlow, reason: string, attempts = flow.attempts) =>
    save(flow, { step: 'failed', attempts, nextAttemptAt: null, error: reason })

  /**
   * At worker start: a wallet request of the old worker died with it (its Port closed), so that flow
   * fails with a reason and can be tried again; a signature already verified is still submitted.
   */
  async function resume(): Promise<void> {
    for (const flow of await flows.list()) {
      if (!flow.walletLink || flow.wallet === null || running.has(flow.id)) continue
      const walletFlow = flow as WalletFlow
      if (flow.step === 'wallet-sign') await fail(walletFlow, INTERRUPTED)
      if (flow.step === 'submit' && flow.walletLink.walletSignature !== '') {
        running.add(flow.id)
        await submit(walletFlow).finally(() => running.delete(flow.id))
      }
    }
  }

  return { findWallets, connectWallet, confirmWalletBinding, retryWalletBinding, resume }
}

/** A wallet flow's platform (the store keeps wallet flows of these two only). */
function chainOf(flow: StoredFlow): WalletChain {
  return flow.platform === 'solana' ? 'solana' : 'ethereum'
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
