/** The current avatar's bindings from the configured ProofService, with a freshness flag (§4.6, §7.3). */
import { type AvatarBindings, createProofServiceClient, type FetchFunction } from '../../../src/client/index.js'
import type { Binding } from '../../messaging/catalogue.js'

/** ProofService re-checks a binding every 3 days; older reports are stale (§7.3). */
export const STALE_AFTER_SECONDS = 3 * 24 * 60 * 60

/** Fetches an avatar's bindings; an avatar with none has an empty list. */
export async function fetchAvatarBindings(
  proofServiceUrl: string,
  avatar: string,
  fetch: FetchFunction,
  nowMs: number,
): Promise<Binding[]> {
  const client = createProofServiceClient({ baseUrl: proofServiceUrl, fetch })
  return toBindings(await client.queryAvatarBindings(avatar), nowMs)
}

/** Maps the client's answer to what the popup shows. */
export function toBindings(entry: AvatarBindings | null, nowMs: number): Binding[] {
  if (!entry) return []
  const nowSeconds = Math.floor(nowMs / 1000)
  return entry.proofs.map((proof) => {
    const lastCheckedAt = Number(proof.lastCheckedAt)
    return {
      platform: proof.platform,
      identity: proof.identity,
      altId: proof.altId,
      isValid: proof.isValid,
      invalidReason: proof.invalidReason,
      createdAt: Number(proof.createdAt),
      lastCheckedAt,
      isStale: nowSeconds - lastCheckedAt > STALE_AFTER_SECONDS,
    }
  })
}
