/**
 * The platforms of Next.ID's ProofService (§4.3, §6.1) and how each one's identity is written into
 * sign payloads (§5.3). We normalise identically at /payload and /proof (§15 #12) and keep case
 * only where the platform is case-sensitive (§15 #13).
 */
import { avatarId, decodeBase58, parseAddress } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { requireNonEmptyString, requireOneOf } from '../input.js'
import { requireWellFormed } from './well-formed.js'

/** The platforms registered at ProofService HEAD (§4.3). */
export const REGISTERED_PLATFORMS = [
  'twitter',
  'ethereum',
  'keybase',
  'github',
  'discord',
  'dotbit',
  'solana',
  'minds',
  'dns',
  'steam',
  'activitypub',
] as const

/** Every platform name the core accepts: the registered ones plus `nextid` (KV and avatar-to-avatar links). */
export const PLATFORMS = [...REGISTERED_PLATFORMS, 'nextid'] as const

export type Platform = (typeof PLATFORMS)[number]

/** What a binding on each platform is called in the UI. */
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  twitter: 'X/Twitter account',
  ethereum: 'Ethereum wallet',
  keybase: 'Keybase account',
  github: 'GitHub account',
  discord: 'Discord account',
  dotbit: '.bit account',
  solana: 'Solana wallet',
  minds: 'Minds account',
  dns: 'DNS domain',
  steam: 'Steam account',
  activitypub: 'ActivityPub account',
  nextid: 'Next.ID avatar',
}

/** Checks that a value is a known platform name and returns it. */
export function parsePlatform(value: unknown, field = 'platform'): Platform {
  return requireOneOf(value, field, PLATFORMS)
}

/** True for the platforms ProofService accepts bindings for (`nextid` is known but unregistered). */
export function isRegisteredPlatform(platform: string): boolean {
  return (REGISTERED_PLATFORMS as readonly string[]).includes(platform)
}

// C0, DEL and C1: invisible, and they would need escapes in the signed JSON.
const CONTROL_CHARACTER = /\p{Cc}/u
const ACTIVITYPUB_HANDLE = /^[^@\s]+@[^@\s/]+$/

/** The identity as ProofService writes it into the sign payload for this platform (§5.3). */
export function normalizeIdentity(platform: unknown, identity: unknown, field = 'identity'): string {
  const name = parsePlatform(platform)
  const text = requireCleanText(identity, field)
  switch (name) {
    case 'twitter':
      if (text.startsWith('@'))
        throw new InvalidInputError(field, 'must not start with "@": drop the @ (alice, not @alice)')
      return toLowerLikeGo(text)
    case 'ethereum':
      return parseAddress(text, field)
    case 'solana':
      decodeBase58(text, field, 32)
      return text
    case 'nextid':
      return avatarId(text, field)
    case 'activitypub':
      return parseActivityPubHandle(text, field)
    case 'discord':
    case 'steam':
      // Discord tags are case-sensitive; Steam names are resolved to a SteamID64 by the server.
      return text
    default:
      return toLowerLikeGo(text)
  }
}

function requireCleanText(value: unknown, field: string): string {
  const text = requireWellFormed(requireNonEmptyString(value, field), field)
  if (text.trim() !== text) throw new InvalidInputError(field, 'must not start or end with whitespace')
  if (CONTROL_CHARACTER.test(text)) throw new InvalidInputError(field, 'must not contain control characters')
  return text
}

function parseActivityPubHandle(text: string, field: string): string {
  // Only one leading `@` is dropped, as the reference does at validation (§5.3).
  const handle = text.startsWith('@') ? text.slice(1) : text
  if (!ACTIVITYPUB_HANDLE.test(handle)) throw new InvalidInputError(field, 'expected user@server')
  return handle
}

// Go's strings.ToLower maps each code point on its own (simple case mapping), so U+0130 becomes
// `i`, where String#toLowerCase would write `i̇`; a lone character also never takes the final-sigma form.
function toLowerLikeGo(text: string): string {
  let lower = ''
  for (const char of text) lower += char === '\u0130' ? 'i' : char.toLowerCase()
  return lower
}
