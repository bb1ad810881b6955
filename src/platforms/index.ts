/**
 * The platform registry (issue 11): every platform's spec, registered once. The server's
 * validators, the background, the popup, the page helpers and the manifest read it.
 * Adding a platform: its spec here, its validator in server/validators/, its simulator in
 * test/, its locale keys (`platform…` in public/_locales).
 */
import { IdentityError, InvalidInputError } from '../errors.js'
import { requireNonEmptyString, requireOneOf, requireString } from '../input.js'
import { requireWellFormed } from '../protocol/well-formed.js'
import { activitypub } from './activitypub.js'
import { discord } from './discord.js'
import { dns } from './dns.js'
import { dotbit } from './dotbit.js'
import { ethereum } from './ethereum.js'
import { github } from './github.js'
import { keybase } from './keybase.js'
import { minds } from './minds.js'
import { nextid } from './nextid.js'
import type { PlatformSpec, PostFacts } from './platform-spec.js'
import { solana } from './solana.js'
import { steam } from './steam.js'
import { twitter } from './twitter.js'

export { NEW_GIST_URL } from './github.js'
export type * from './platform-spec.js'
export { TWEET_INTENT_URL } from './twitter.js'

/** Every platform, in the reference's registration order (§4.3) with `nextid` last. */
export const PLATFORM_SPECS = {
  twitter,
  ethereum,
  keybase,
  github,
  discord,
  dotbit,
  solana,
  minds,
  dns,
  steam,
  activitypub,
  nextid,
} as const satisfies { [Id in string]: PlatformSpec<Id> }

type Specs = typeof PLATFORM_SPECS
export type Platform = keyof Specs
/** The platforms the reference ProofService registers (§4.3). */
export type RegisteredPlatform = { [Id in Platform]: Specs[Id]['registered'] extends true ? Id : never }[Platform]
/** Platforms where the user publishes a proof the service fetches. */
export type PostPlatform = { [Id in Platform]: Specs[Id]['kind'] extends 'post' ? Id : never }[Platform]
/** Platforms bound by a wallet's signature. */
export type WalletPlatform = { [Id in Platform]: Specs[Id]['kind'] extends 'wallet' ? Id : never }[Platform]
/** Post platforms whose revoke needs a new proof on Next.ID's service (§7.2). */
export type RevokeProofPlatform = {
  [Id in PostPlatform]: Specs[Id]['revoke'] extends 'new-proof' ? Id : never
}[PostPlatform]

const ALL = Object.values(PLATFORM_SPECS) as PlatformSpec<Platform>[]
const idsWhere = <T extends Platform>(keep: (spec: PlatformSpec<Platform>) => boolean) =>
  ALL.filter(keep).map((spec) => spec.id) as T[]

export const PLATFORMS: readonly Platform[] = ALL.map((spec) => spec.id)
export const REGISTERED_PLATFORMS: readonly RegisteredPlatform[] = idsWhere((spec) => spec.registered)
export const POST_PLATFORMS: readonly PostPlatform[] = idsWhere((spec) => spec.kind === 'post')
export const WALLET_PLATFORMS: readonly WalletPlatform[] = idsWhere((spec) => spec.kind === 'wallet')
export const REVOKE_PROOF_PLATFORMS: readonly RevokeProofPlatform[] = idsWhere(
  (spec) => spec.kind === 'post' && spec.revoke === 'new-proof',
)

/** The spec of a known platform. */
export function platformSpec(platform: Platform): PlatformSpec<Platform> {
  return PLATFORM_SPECS[platform]
}

/** The publishing facts of a post platform. */
export function postFacts(platform: PostPlatform): PostFacts {
  return PLATFORM_SPECS[platform].post
}

/** Checks that a value is a known platform name and returns it. */
export function parsePlatform(value: unknown, field = 'platform'): Platform {
  return requireOneOf(value, field, PLATFORMS)
}

/** Checks that a value names a platform of `kind` (post platforms for a binding flow, say). */
export function parsePlatformOf<T extends Platform>(value: unknown, allowed: readonly T[], field = 'platform'): T {
  return requireOneOf(value, field, allowed)
}

/** True for the platforms the reference ProofService accepts bindings for. */
export function isRegisteredPlatform(platform: string): platform is RegisteredPlatform {
  return (REGISTERED_PLATFORMS as readonly string[]).includes(platform)
}

/** True for a known platform name. */
export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value)
}

// C0, DEL and C1: invisible, and they would need escapes in the signed JSON.
const CONTROL_CHARACTER = /\p{Cc}/u

/** The identity as ProofService writes it into the sign payload for this platform (§5.3). */
export function normalizeIdentity(platform: unknown, identity: unknown, field = 'identity'): string {
  const spec = platformSpec(parsePlatform(platform))
  return spec.identity.normalize(requireCleanText(identity, field), field)
}

/**
 * What the user typed, checked against the platform's rules before anything is signed and then
 * normalised: IdentityError names the rule it breaks and keeps the user's words.
 */
export function parseIdentityInput(platform: Platform, typed: unknown, field = 'identity'): string {
  const spec = platformSpec(platform)
  const text = requireString(typed, field)
  const clean = text.trim()
  if (clean === '') throw new IdentityError(platform, 'empty', text, field)
  if (CONTROL_CHARACTER.test(clean)) throw new IdentityError(platform, 'control-character', text, field)
  if (clean.length > 256) throw new IdentityError(platform, 'too-long', text.slice(0, 64), field)
  const rule = spec.identity.check(clean)
  if (rule !== undefined) throw new IdentityError(platform, rule, text, field)
  try {
    return spec.identity.normalize(requireWellFormed(clean, field), field)
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    throw new IdentityError(platform, invalidRuleOf(spec), text, field)
  }
}

/** The rule to name when the reference's own normaliser refuses the text. */
function invalidRuleOf(spec: PlatformSpec<Platform>) {
  if (spec.kind === 'wallet') return 'not-an-address' as const
  if (spec.kind === 'avatar') return 'not-an-avatar' as const
  return 'not-a-fediverse-handle' as const
}

function requireCleanText(value: unknown, field: string): string {
  const text = requireWellFormed(requireNonEmptyString(value, field), field)
  if (text.trim() !== text) throw new InvalidInputError(field, 'must not start or end with whitespace')
  if (CONTROL_CHARACTER.test(text)) throw new InvalidInputError(field, 'must not contain control characters')
  return text
}
