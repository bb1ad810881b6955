/**
 * Has the avatar's proof chain moved since a payload was signed? Read from the service as a fact
 * (issue 11): the reference answers a moved chain with a plain `bad signature` (§4.5), which also
 * means a wrong signature, so the words cannot tell. A fresh payload (the service stores nothing
 * for it, §4.4) carries the current head as `prev`; the signed payload carries the head it was made on.
 */
import type { ProofServiceClient } from '../../../src/client/index.js'
import type { Platform } from '../../../src/platforms/index.js'
import { describeProofPayload } from '../../../src/protocol/index.js'

export type SignedBinding = {
  action: 'create' | 'delete'
  platform: Platform
  identity: string
  avatarId: string
  /** The sign payload the avatar signed. */
  signPayload: string
}

/** True when the chain head is no longer the one `signed` was made on. */
export async function hasChainMoved(client: ProofServiceClient, signed: SignedBinding): Promise<boolean> {
  const fresh = await client.createPayload({
    action: signed.action,
    platform: signed.platform,
    identity: signed.identity,
    publicKey: signed.avatarId,
  })
  const head = describeProofPayload(fresh.signPayload, signed.avatarId).prev
  return head !== describeProofPayload(signed.signPayload, signed.avatarId).prev
}
