/**
 * The exact `sign_payload` string ProofService builds at POST /v1/proof/payload and rebuilds at
 * POST /v1/proof (§5.1, §5.2): Go-style sorted compact JSON of action, created_at, identity,
 * platform, prev and uuid, plus `persona` for ethereum, solana and nextid.
 */
import { avatarId } from '../crypto/index.js'
import { parseUnixSecondsString, parseUuid, requireNonEmptyString, requirePlainObject } from '../input.js'
import { stringifyGoJson } from './go-json.js'
import { normalizeIdentity, type Platform, parsePlatform } from './platforms.js'
import { type ProofAction, parsePrevSignature, parseProofAction } from './proof-fields.js'
import { requireWellFormed } from './well-formed.js'

export interface ProofSignPayloadParams {
  action: ProofAction
  platform: Platform
  /** As the user typed it; normalised here per platform (§5.3). */
  identity: string
  /** The avatar public key: hex (33 or 65 bytes, `0x` optional) or bytes. */
  avatar: string | Uint8Array
  uuid: string
  /** Decimal unix seconds as a string, exactly as /payload returned it. */
  createdAt: string
  /** Base64 of the previous chain link's signature, or null for the first link. */
  prev: string | null
}

/** Read from stored chain links, so action and platform are plain strings, checked at run time. */
export interface LegacyProofSignPayloadParams {
  action: ProofAction | (string & {})
  platform: Platform | (string & {})
  /** As stored in the chain link: old links are verified over their own bytes, not re-normalised. */
  identity: string
  prev: string | null
}

// These platforms sign the avatar into the payload, since the identity's own signature is checked too (§5.2).
const PERSONA_PLATFORMS: readonly Platform[] = ['ethereum', 'solana', 'nextid']

/** The `sign_payload` ProofService builds for a binding (create or delete). */
export function buildProofSignPayload(params: ProofSignPayloadParams): string {
  const input = requirePlainObject(params, 'params')
  const platform = parsePlatform(input.platform)
  const payload: Record<string, unknown> = {
    action: parseProofAction(input.action),
    created_at: parseUnixSecondsString(input.createdAt, 'createdAt'),
    identity: normalizeIdentity(platform, input.identity),
    platform,
    prev: parsePrevSignature(input.prev, 'prev'),
    uuid: parseUuid(input.uuid, 'uuid'),
  }
  const persona = avatarId(input.avatar, 'avatar')
  if (PERSONA_PLATFORMS.includes(platform)) payload.persona = persona
  return stringifyGoJson(payload, 'payload')
}

/** The 4-key payload signed before 2022-03-15 (§5.2), to verify chain links with no stored payload. */
export function buildLegacyProofSignPayload(params: LegacyProofSignPayloadParams): string {
  const input = requirePlainObject(params, 'params')
  return stringifyGoJson(
    {
      action: parseProofAction(input.action),
      identity: requireWellFormed(requireNonEmptyString(input.identity, 'identity'), 'identity'),
      platform: parsePlatform(input.platform),
      prev: parsePrevSignature(input.prev, 'prev'),
    },
    'payload',
  )
}
