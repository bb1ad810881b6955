/**
 * The contract between ProofService and its platform validators (one file per platform, named
 * after it). A validator checks that a published proof (or a wallet signature) proves a binding;
 * it never touches the database. ProofService rebuilds `signPayload` itself (src/protocol) before
 * calling it, so a validator compares against the payload the server expects, never the post's own.
 */
import type { Platform } from '../../src/platforms/index.js'
import type { ProofAction } from '../../src/protocol/proof-fields.js'

export type ValidationRequest = {
  action: ProofAction
  platform: Platform
  /** Normalised as the payload carries it (§5.3). */
  identity: string
  /** `0x` + compressed lowercase hex. */
  avatar: string
  /** `proof_location` as the client sent it: tweet id, gist id, message link …; `""` when absent. */
  proofLocation: string
  /** The exact sign payload the server rebuilt for this request (§4.5 step 3). */
  signPayload: string
  uuid: string
  createdAt: string
  /** The previous link's signature the payload was built with, or null. */
  prev: string | null
  /** Decoded `extra.signature` (65 bytes), already verified to be the avatar's over `signPayload`, if sent. */
  avatarSignature: Uint8Array | undefined
  /** The other `extra` strings as sent (`wallet_signature`, `target_signature`, …). */
  extra: Readonly<Record<string, string>>
}

export type ValidationResult = {
  /** The identity to store (Steam replaces it with the SteamID64, §5.3). */
  identity: string
  /** The platform's internal id: Twitter user id, GitHub user id, … (`""` when none). */
  altId: string
  /** Base64 of the signature the chain link keeps (the post's, the avatar's or the wallet's, §4.5). */
  linkSignature: string
}

/** What a validator may use: an injected fetch (tests point it at the platform simulator) and its settings. */
export type ValidatorContext = {
  fetch: typeof globalThis.fetch
  /** Per-request time limit for platform calls, in milliseconds. */
  timeoutMs: number
}

/** A platform's validator; `P` is its platform, so the table in index.ts can check each key's factory. */
export type Validator<P extends Platform = Platform> = {
  platform: P
  /** False when the platform's settings (token, URL) are missing: the platform then answers 400. */
  isConfigured: boolean
  /** The setting an operator gives to turn it on, for platforms that need one (said at start-up). */
  requiredSetting?: string
  validate(request: ValidationRequest, context: ValidatorContext): Promise<ValidationResult>
  /**
   * Only for platforms whose payload carries a resolved identity (Steam: custom URL → SteamID64,
   * §5.2): called at /payload and at /proof before the payload is built.
   */
  resolveIdentity?(identity: string, context: ValidatorContext): Promise<string>
}

/**
 * The proof does not prove the binding (post gone, wrong author, bad signature): a definite
 * answer. At POST /v1/proof it is a 400 with this message; at revalidation it sets `is_valid=false`.
 */
export class ProofRejectedError extends Error {
  override name = 'ProofRejectedError'
}

/**
 * The platform could not answer (unreachable, 5xx, rate-limited, not configured): no verdict.
 * At POST /v1/proof it is a 400 asking to retry; at revalidation it leaves `is_valid` alone.
 */
export class PlatformUnavailableError extends Error {
  override name = 'PlatformUnavailableError'
}
