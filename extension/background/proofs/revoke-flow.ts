/**
 * Revoking a binding in two steps (§7.2): prepare asks ProofService for the delete payload and
 * keeps it; confirm signs exactly that string (the avatar, or the bound wallet) and hands it to the
 * flow engine, which submits it and waits out a service that is down. Nothing is signed before the
 * user confirms, and only the prepared request can be confirmed.
 */
import { createProofServiceClient, type FetchFunction } from '../../../src/client/index.js'
import { encodeBase64 } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import { normalizeIdentity, parsePlatform } from '../../../src/protocol/index.js'
import type { PreparedSignature, RevokeBindingFlow } from '../../messaging/catalogue.js'
import { requireWalletId } from '../page-wallets/wallet-answers.js'
import { chainWallet } from '../page-wallets/wallet-chains.js'
import type { WalletPages } from '../page-wallets/wallet-page.js'
import { WalletAccountMismatchError } from '../page-wallets/wallet-page-errors.js'
import type { AwaitingRequests, RevokeRequest } from '../storage/awaiting-requests.js'
import type { SettingsStore } from '../storage/settings.js'
import { signWithAvatar } from '../vault/sign-with-avatar.js'
import type { VaultSession } from '../vault/vault-session.js'
import type { BindingFlows, SignedRevoke } from './binding-flows.js'
import { payloadFacts, requestBindingPayload } from './binding-payload.js'
import { RevokeNeedsProofError } from './revoke-needs-proof.js'

export type SigningFlowDeps = {
  session: VaultSession
  settings: SettingsStore
  requests: AwaitingRequests
  fetch: FetchFunction
  /** The wallets of the active web page, for revoking an ethereum binding with the wallet (§6.4). */
  pages?: WalletPages
}

export type RevokeFlowDeps = SigningFlowDeps & {
  /** The flow engine, which submits a confirmed revoke (binding-flows.ts). */
  flows: Pick<BindingFlows, 'submitRevoke' | 'clearFlow'>
}

/** prepareRevoke / confirmRevoke over the current avatar. */
export function createRevokeFlow(deps: RevokeFlowDeps) {
  const proofService = async () =>
    createProofServiceClient({ baseUrl: (await deps.settings.get()).endpoints.proofServiceUrl, fetch: deps.fetch })

  async function prepareRevoke(params: unknown): Promise<PreparedSignature> {
    const input = requirePlainObject(params, 'params')
    const platform = parsePlatform(input.platform)
    const identity = normalizeIdentity(platform, requireNonEmptyString(input.identity, 'identity'))
    return deps.session.track(async () => {
      const { record } = await deps.session.open()
      const avatar = record.currentAvatarId
      const request = { action: 'delete' as const, platform, identity, avatarId: avatar }
      const { payload, description } = await requestBindingPayload(await proofService(), request)
      const { uuid, createdAt, signPayload } = payload
      const requestId = await deps.requests.add({
        kind: 'revoke',
        avatar,
        platform,
        identity,
        uuid,
        createdAt,
        signPayload,
      })
      return { requestId, payload: payloadFacts(description), signPayload }
    })
  }

  /**
   * The avatar signs exactly the prepared string and the engine submits it (§7.2 — a delete has no
   * proof post: the signature is the proof). The prepared request becomes the flow.
   */
  async function confirmRevoke(params: unknown): Promise<RevokeBindingFlow> {
    const { requestId } = requirePlainObject(params, 'params')
    const signed = await deps.session.track(async () => {
      const vault = await deps.session.open()
      const request = await deps.requests.get(requestId, 'revoke')
      const signature = encodeBase64(await signWithAvatar(vault, request.avatar, request.signPayload))
      await deps.requests.remove(requestId)
      return signedRevoke(request, { signer: 'avatar', signature, walletSignature: '' })
    })
    return submit(signed)
  }

  /**
   * Revokes the prepared ethereum or solana delete with the bound wallet's own signature over the same
   * payload: only `extra.wallet_signature` is sent, and the chain link then carries the wallet's
   * signature (§6.4 delete (a), §6.5). The signature is verified here first; the avatar signs nothing.
   */
  async function confirmRevokeWithWallet(params: unknown): Promise<RevokeBindingFlow> {
    const input = requirePlainObject(params, 'params')
    const walletId = requireWalletId(input.walletId)
    const { pages } = deps
    if (!pages) throw new InvalidInputError('walletId', 'no web page can be reached here')
    await deps.session.enforceDeadline()
    const request = await deps.requests.get(input.requestId, 'revoke')
    const platform = request.platform
    if (platform !== 'ethereum' && platform !== 'solana') {
      throw new InvalidInputError(
        'requestId',
        `names a ${platform} binding; only an ethereum or solana wallet signs here`,
      )
    }
    const chain = chainWallet(platform)
    const page = await pages.openActive()
    let walletSignature: string
    try {
      // The wallet's account must be the bound one (it may ask the user to connect first).
      const account = await chain.requestAccount(page, walletId)
      if (chain.identityOf(account) !== request.identity) throw new WalletAccountMismatchError(request.identity)
      walletSignature = await chain.requestSignature(page, walletId, account, request.signPayload)
    } finally {
      page.close()
    }
    await deps.requests.remove(input.requestId)
    return submit(signedRevoke(request, { signer: 'wallet', signature: '', walletSignature }))
  }

  /**
   * Into the engine. A refusal that asks for a newly published proof is said at once (the popup
   * offers the revoke flow with a proof), and leaves no failed flow behind.
   */
  async function submit(signed: SignedRevoke): Promise<RevokeBindingFlow> {
    const flow = await deps.flows.submitRevoke(signed)
    if (flow.status?.code !== 'needs-proof') return flow
    await deps.flows.clearFlow({ flowId: flow.id })
    throw new RevokeNeedsProofError(flow.platform, flow.status.serviceMessage)
  }

  return { prepareRevoke, confirmRevoke, confirmRevokeWithWallet }
}

/** The prepared request with the signature that proves it, as the engine takes it. */
function signedRevoke(
  request: RevokeRequest,
  proof: Pick<SignedRevoke, 'signer' | 'signature' | 'walletSignature'>,
): SignedRevoke {
  return {
    platform: parsePlatform(request.platform),
    identity: request.identity,
    avatarId: request.avatar,
    uuid: request.uuid,
    payloadCreatedAt: request.createdAt,
    signPayload: request.signPayload,
    ...proof,
  }
}
