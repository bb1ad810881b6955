/**
 * Revoking where the service wants more than the avatar's signature (§7.2, §15 #11): Next.ID's
 * validators for these platforms fetch the proof again and check it against the DELETE payload, so
 * the user must publish a new proof signed over that payload. Our own server accepts the avatar's
 * signature alone; the popup tries that first and offers a revoke flow when the service refuses.
 */
import { InvalidInputError, ServiceError } from '../../../src/errors.js'
import { requireString } from '../../../src/input.js'
import { WalletError } from '../wallet-errors.js'
import type { PostPlatform } from './proof-location.js'

/** Platforms whose delete the reference validates against a newly published proof. */
export const REVOKE_PROOF_PLATFORMS = [
  'keybase',
  'minds',
  'dotbit',
  'dns',
  'steam',
  'activitypub',
] as const satisfies readonly PostPlatform[]

export type RevokeProofPlatform = (typeof REVOKE_PROOF_PLATFORMS)[number]

/** The service refused a revoke signed by the avatar alone: a revoke flow with a new proof is needed. */
export class RevokeNeedsProofError extends WalletError {
  constructor(platform: string, serviceMessage: string) {
    super('REVOKE_NEEDS_PROOF', `the service wants a new ${platform} proof signed over the revoke: ${serviceMessage}`)
  }
}

/** Checks that `platform` is one whose revoke can go through a published proof. */
export function parseRevokeProofPlatform(value: unknown, field = 'platform'): RevokeProofPlatform {
  const text = requireString(value, field)
  if (!(REVOKE_PROOF_PLATFORMS as readonly string[]).includes(text)) {
    throw new InvalidInputError(
      field,
      `a revoke with a new proof is for ${REVOKE_PROOF_PLATFORMS.join(', ')} only (got ${JSON.stringify(text.slice(0, 40))})`,
    )
  }
  return text as RevokeProofPlatform
}

/**
 * What a failed avatar-signed revoke means: a 4xx from the service on one of these platforms is
 * its validator looking for a proof signed over the delete payload; anything else stays as it was
 * (a moved chain, a service that is down, another platform).
 */
export function explainRevokeRefusal(error: unknown, platform: string): unknown {
  if (!(error instanceof ServiceError) || error.status < 400 || error.status >= 500) return error
  if (!(REVOKE_PROOF_PLATFORMS as readonly string[]).includes(platform)) return error
  if (error.serviceMessage.startsWith("bad signature: the avatar's proof chain changed")) return error
  return new RevokeNeedsProofError(platform, error.serviceMessage)
}
