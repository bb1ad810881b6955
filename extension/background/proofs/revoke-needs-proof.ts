/**
 * Revoking where the service wants more than the avatar's signature (§7.2, §15 #11): Next.ID's
 * validators for these platforms fetch the proof again and check it against the DELETE payload, so
 * the user must publish a new proof signed over that payload. Our own server accepts the avatar's
 * signature alone; a revoke tries that first, and the engine tells a refusal apart by facts (the
 * chain has not moved) before the popup offers a revoke flow with a new proof.
 */
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

/** True for a platform whose service may want a newly published proof to revoke (§7.2). */
export function isRevokeProofPlatform(platform: string): platform is RevokeProofPlatform {
  return (REVOKE_PROOF_PLATFORMS as readonly string[]).includes(platform)
}
