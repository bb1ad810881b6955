/** The current avatar's proof chain from ProofService, verified here link by link (§4.8, §8). */
import { createProofServiceClient, type FetchFunction, type ProofChainLink } from '../../../src/client/index.js'
import { describeProofPayload } from '../../../src/protocol/index.js'
import { verifyProofChain } from '../../../src/verify/index.js'
import type { ChainLinkView, ProofChainView, ProofPayloadFacts } from '../../messaging/catalogue.js'
import { payloadFacts } from './binding-payload.js'

/** Fetches every page of the avatar's chain and verifies it without trusting the service. */
export async function fetchProofChainView(
  proofServiceUrl: string,
  avatar: string,
  fetch: FetchFunction,
): Promise<ProofChainView> {
  const client = createProofServiceClient({ baseUrl: proofServiceUrl, fetch })
  const links: ProofChainLink[] = []
  for await (const link of client.iterateProofChain(avatar)) links.push(link)
  return toProofChainView(avatar, links)
}

/** Joins each stored link with its verification and what its signed payload says. */
export function toProofChainView(avatar: string, links: readonly ProofChainLink[]): ProofChainView {
  const verification = verifyProofChain(avatar, links)
  const views = links.map((link, index): ChainLinkView => {
    const result = verification.links[index]
    const view: ChainLinkView = {
      action: link.action,
      platform: link.platform,
      identity: link.identity,
      proofLocation: link.proofLocation,
      createdAt: Number(link.createdAt),
      status: result?.status ?? 'malformed',
      reason: result?.reason ?? '',
      payload: readLinkPayload(link, avatar),
    }
    if (result?.signer) view.signer = result.signer
    return view
  })
  return { valid: verification.valid, links: views }
}

/** Legacy links store no payload (§5.2) and odd ones may not parse: those read as null. */
function readLinkPayload(link: ProofChainLink, avatar: string): ProofPayloadFacts | null {
  try {
    return payloadFacts(describeProofPayload(link.signaturePayload, avatar))
  } catch {
    return null
  }
}
