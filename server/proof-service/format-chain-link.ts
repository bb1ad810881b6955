/** A stored chain link as GET /v1/proofchain and /v1/proofchain/changes print it (§4.8, §4.9). */

export type ChainLinkRow = {
  /** bigint as a decimal string. */
  id: string
  avatar: string
  action: string
  platform: string
  identity: string
  alt_id: string
  location: string
  created_at: string
  signature: string
  signature_payload: string
  extra: Record<string, unknown>
  uuid: string
  arweave_id: string
}

/** The link's fields in the reference's order; `created_at` is the signed unix-seconds string. */
export function formatChainLink(link: ChainLinkRow) {
  return {
    action: link.action,
    platform: link.platform,
    identity: link.identity,
    alt_id: link.alt_id,
    proof_location: link.location,
    created_at: link.created_at,
    signature: link.signature,
    signature_payload: link.signature_payload,
    uuid: link.uuid,
    extra: link.extra,
    arweave_id: link.arweave_id,
  }
}
