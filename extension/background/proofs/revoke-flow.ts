/**
 * Revoking a binding in two steps (§7.2): prepare asks ProofService for the delete payload and
 * keeps it; confirm signs exactly that string with the avatar and submits it. Nothing is signed
 * before the user confirms, and only the prepared request can be confirmed.
 */
import { createProofServiceClient, type FetchFunction } from '../../../src/client/index.js'

import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import { normalizeIdentity, parsePlatform } from '../../../src/protocol/index.js'
import type { PreparedSignature } from '../../messaging/catalogue.js'
import { requireWalletId } from '../page-wallets/wallet-answers.js'
import { chainWallet } from '../page-wallets/wallet-chains.js'
import type { WalletPages } from '../page-wallets/wallet-page.js'
import { WalletAccountMismatchError } from '../page-wallets/wallet-page-errors.js'
import type { PreparedRequests } from '../storage/prepared-requests.js'
import type { SettingsStore } from '../storage/settings.js'
import { signWithAvatar } from '../vault/sign-with-avatar.js'
import type { VaultSession } from '../vault/vault-session.js'
import { requestBindingPayload } from './binding-payload.js'
import { hasChainMoved } from './chain-head.js'
import { explainRevokeRefusal } from './revoke-needs-proof.js'
import { classifySubmitError } from './submit-outcome.js'

export type SigningFlowDeps = {
  session: VaultSession
  settings: SettingsStore
  requests: PreparedRequests
  fetch: FetchFunction
  /** The wallets of the active web page, for revoking an ethereum binding with the wallet (§6.4). */
  pages?: WalletPages
}

/** prepareRevoke / confirmRevoke over the current avatar. */
export function createRevokeFlow(deps: SigningFlowDeps) {
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
      return { requestId, description: description.text, signPayload }
    })
  }

  async function confirmRevoke(params: unknown): Promise<undefined> {
    const { requestId } = requirePlainObject(params, 'params')
    return deps.session.track(async () => {
      const vault = await deps.session.open()
      const request = await deps.requests.get(requestId, 'revoke')
      const signature = await signWithAvatar(vault, request.avatar, request.signPayload)
      const client = await proofService()
      const platform = parsePlatform(request.platform)
      try {
        // A delete has no proof post: the avatar's signature is the proof, sent as extra.signature (§7.2).
        await client.submitProof({
          action: 'delete',
          platform,
          identity: request.identity,
          publicKey: request.avatar,
          uuid: request.uuid,
          createdAt: request.createdAt,
          signature,
        })
      } catch (error) {
        // The request stays prepared; its platform, and whether the chain moved (read from the
        // service, not from its words), say whether a new proof would help (§7.2).
        if (classifySubmitError(error).kind !== 'refused') throw error
        const signed = { ...request, action: 'delete' as const, platform, avatarId: request.avatar }
        const moved = await hasChainMoved(client, signed).catch(() => false)
        throw explainRevokeRefusal(error, request.platform, moved)
      }
      await deps.requests.remove(requestId)
      return undefined
    })
  }

  /**
   * Revokes the prepared ethereum or solana delete with the bound wallet's own signature over the same
   * payload: only `extra.wallet_signature` is sent, and the chain link then carries the wallet's
   * signature (§6.4 delete (a), §6.5). The signature is verified here first; the avatar signs nothing.
   */
  async function confirmRevokeWithWallet(params: unknown): Promise<undefined> {
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
    const client = await proofService()
    await client.submitProof({
      action: 'delete',
      platform,
      identity: request.identity,
      publicKey: request.avatar,
      uuid: request.uuid,
      createdAt: request.createdAt,
      walletSignature,
    })
    await deps.requests.remove(input.requestId)
    return undefined
  }

  return { prepareRevoke, confirmRevoke, confirmRevokeWithWallet }
}
