/**
 * "Ask the service for a payload, then check it says what was asked" (§4.4, §5): one step every
 * signing flow takes before the avatar signs anything. The service chose the string, so the avatar
 * signs it only when it is exactly the binding asked for — a hostile custom endpoint cannot get a
 * signature binding its own account, or another action, to this avatar.
 */
import type { ProofPayload, ProofServiceClient } from '../../../src/client/index.js'
import type { Platform } from '../../../src/platforms/index.js'
import { describeProofPayload, type PayloadDescription } from '../../../src/protocol/index.js'
import type { ProofPayloadFacts } from '../../messaging/catalogue.js'
import { PayloadMismatchError } from '../errors.js'

export type BindingRequest = {
  action: 'create' | 'delete'
  platform: Platform
  /** Normalised as the service writes it into the payload (§5.3). */
  identity: string
  avatarId: string
}

/** The service's payload for `request`, with what it says; PAYLOAD_MISMATCH when it says anything else. */
export async function requestBindingPayload(
  client: ProofServiceClient,
  request: BindingRequest,
): Promise<{ payload: ProofPayload; description: PayloadDescription }> {
  const payload = await client.createPayload({
    action: request.action,
    platform: request.platform,
    identity: request.identity,
    publicKey: request.avatarId,
  })
  const description = describeProofPayload(payload.signPayload, request.avatarId)
  const asked =
    description.action === request.action &&
    description.platform === request.platform &&
    description.identity === request.identity
  if (!asked) throw new PayloadMismatchError()
  return { payload, description }
}

/** What a proof payload does, for the popup to word (a KV description is not a proof payload's). */
export function payloadFacts(description: PayloadDescription): ProofPayloadFacts {
  if (description.action === 'kv') throw new PayloadMismatchError()
  const { action, platform, identity, avatar } = description
  return { action, platform, identity, avatar }
}
