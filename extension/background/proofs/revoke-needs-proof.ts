/**
 * Revoking where the service wants more than the avatar's signature (§7.2, §15 #11): Next.ID's
 * validators for these platforms fetch the proof again and check it against the DELETE payload, so
 * the user must publish a new proof signed over that payload. Our own server accepts the avatar's
 * signature alone; the popup tries that first and offers a revoke flow when the service refuses.
 */
import { ServiceError } from '../../../src/errors.js'
import { parsePlatformOf, REVOKE_PROOF_PLATFORMS, type RevokeProofPlatform } from '../../../src/platforms/index.js'
import { WalletError } from '../errors.js'

/** The service refused a revoke signed by the avatar alone: a revoke flow with a new proof is needed. */
export class RevokeNeedsProofError extends WalletError {
  /** The service's own words, for the popup to quote. */
  readonly serviceMessage: string

  constructor(platform: string, serviceMessage: string) {
    super('REVOKE_NEEDS_PROOF', `the service wants a new ${platform} proof signed over the revoke: ${serviceMessage}`)
    this.serviceMessage = serviceMessage
  }
}

/** Checks that `platform` is one whose revoke can go through a published proof. */
export function parseRevokeProofPlatform(value: unknown, field = 'platform'): RevokeProofPlatform {
  return parsePlatformOf(value, REVOKE_PROOF_PLATFORMS, field)
}

/**
 * What a failed avatar-signed revoke means: a 4xx from the service on one of these platforms,
 * while the avatar's chain has not moved (`chainMoved`, read from the service, never from its
 * words), is its validator looking for a proof signed over the delete payload; anything else stays
 * as it was (a moved chain, a service that is down, another platform).
 */
export function explainRevokeRefusal(error: unknown, platform: string, chainMoved: boolean): unknown {
  if (!(error instanceof ServiceError) || error.status < 400 || error.status >= 500) return error
  if (!(REVOKE_PROOF_PLATFORMS as readonly string[]).includes(platform) || chainMoved) return error
  return new RevokeNeedsProofError(platform, error.serviceMessage)
}
