/**
 * "Ask KVService for a payload, then check it writes where it was asked" (§9.1, §9.2): the KV
 * counterpart of proofs/binding-payload.ts. The service chose the string, so the avatar signs it
 * only when it writes this avatar's namespace of exactly this platform and identity.
 */
import type { CreateKvPayloadParams, KvPayload, KvServiceClient } from '../../../src/client/index.js'
import { describeKvPayload, type KvPayloadDescription } from '../../../src/protocol/index.js'
import { PayloadMismatchError } from '../errors.js'

/** The service's payload for `request`, with what it says; PAYLOAD_MISMATCH when it writes elsewhere. */
export async function requestKvPayload(
  client: KvServiceClient,
  request: CreateKvPayloadParams & { avatar: string; platform: string; identity: string },
): Promise<{ payload: KvPayload; description: KvPayloadDescription }> {
  const payload = await client.createKvPayload(request)
  const description = describeKvPayload(payload.signPayload)
  const asked =
    description.avatar === request.avatar &&
    description.platform === request.platform &&
    description.identity === request.identity
  if (!asked) throw new PayloadMismatchError()
  return { payload, description }
}
