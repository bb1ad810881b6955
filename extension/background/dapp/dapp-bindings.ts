/**
 * nextid_getBindings: the connected avatar's bindings from ProofService, each marked `verified`
 * only when the avatar's proof chain verifies here and holds a verified create link for it (§8).
 */
import type { FetchFunction } from '../../../src/client/index.js'
import type { Binding } from '../../messaging/catalogue.js'
import { fetchAvatarBindings } from '../proofs/avatar-bindings.js'
import { fetchProofChainView } from '../proofs/proof-chain-view.js'

/** A binding as a page sees it. */
export type DappBinding = Binding & { verified: boolean }

/** The avatar's bindings with the extension's own verification. */
export async function fetchVerifiedBindings(
  proofServiceUrl: string,
  avatar: string,
  fetch: FetchFunction,
  nowMs: number,
): Promise<DappBinding[]> {
  const [bindings, chain] = await Promise.all([
    fetchAvatarBindings(proofServiceUrl, avatar, fetch, nowMs),
    fetchProofChainView(proofServiceUrl, avatar, fetch),
  ])
  return bindings.map((binding) => {
    const link = [...chain.links]
      .reverse()
      .find((entry) => entry.platform === binding.platform && entry.identity === binding.identity)
    const verified = chain.valid && link?.action === 'create' && link.status === 'verified'
    return { ...binding, verified }
  })
}
