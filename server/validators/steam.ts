/**
 * Steam bindings (§5.2, §6.1, §6.3; platforms.md §3.8): the identity is the SteamID64 (a custom URL
 * is resolved through the profile XML before the payload is built), and the profile summary must
 * hold `NextID proof: <signature>:…` with the avatar's signature over the rebuilt payload; up to 10
 * such entries are tried, as the reference does. alt_id is the custom URL.
 */
import { encodeBase64 } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import type { PlatformConfig } from '../config.js'
import { firstValidSignature } from './first-valid-signature.js'
import { fetchPlatform, readPlatformText, unexpectedStatus } from './platform-fetch.js'
import { deleteWithAvatarSignature } from './proof-signature.js'
import { parseSteamProfileXml } from './steam-profile-xml.js'
import {
  PlatformUnavailableError,
  ProofRejectedError,
  type ValidationRequest,
  type ValidationResult,
  type Validator,
  type ValidatorContext,
} from './validator.js'

const LABEL = 'steam'
// Vanity names are letters, digits, `_` and `-`; anything else could not be a path segment anyway.
const CUSTOM_URL = /^[A-Za-z0-9_-]{1,64}$/
const PROOF = /NextID proof: ([^\n]+?):/g
const MAX_PROOFS = 10

type Profile = { steamId64: string; customUrl: string; summary: string }

/** The steam validator; always configured (STEAM_URL has a default, no credential needed). */
export function createSteamValidator(config: PlatformConfig['steam']): Validator<'steam'> {
  return {
    platform: 'steam',
    isConfigured: true,
    resolveIdentity: async (identity, context) =>
      isSteamId64(identity) ? identity : (await fetchProfile(config.url, identity, context)).steamId64,
    validate: async (request, context) => {
      // The reference wants a new summary signed over the delete payload; the avatar's signature is enough (§15 #11).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      return validateProfile(request, await fetchProfile(config.url, request.identity, context))
    },
  }
}

/** An individual account in the public universe: universe 1, type 1, instance 1 (`validator/steam/steam.go`). */
export function isSteamId64(identity: string): boolean {
  return /^[0-9]{17}$/.test(identity) && BigInt(identity) >> 32n === 0x0110_0001n
}

function validateProfile(request: ValidationRequest, profile: Profile): ValidationResult {
  const proofs = [...profile.summary.matchAll(PROOF)].slice(0, MAX_PROOFS).map((match) => match[1] as string)
  if (proofs.length === 0)
    throw new ProofRejectedError('steam profile summary has no "NextID proof: <signature>:" entry')
  const postSignature = firstValidSignature(request, proofs, 'the "NextID proof:" entry of the steam profile summary')
  // Steam does not replace the link signature with the post's (§4.5): the avatar's own stays.
  const linkSignature = request.avatarSignature ? encodeBase64(request.avatarSignature) : postSignature
  // Steam's custom URLs ignore case and searches are lowercased (§7.4): stored lowercased, any spelling finds it.
  return { identity: profile.steamId64, altId: profile.customUrl.toLowerCase(), linkSignature }
}

async function fetchProfile(baseUrl: string, identity: string, context: ValidatorContext): Promise<Profile> {
  const byId = isSteamId64(identity)
  if (!byId && !CUSTOM_URL.test(identity)) {
    throw new InvalidInputError(
      'identity',
      'expected a SteamID64 or a Steam custom URL name (letters, digits, _ and -)',
    )
  }
  const url = `${baseUrl}/${byId ? 'profiles' : 'id'}/${identity}/?xml=1`
  const response = await fetchPlatform(context, LABEL, url, { headers: { accept: 'text/xml' } })
  if (response.status !== 200) throw unexpectedStatus(LABEL, response)
  const parsed = parseSteamProfileXml(await readPlatformText(response, LABEL, context))
  if (parsed.kind === 'error') throw new ProofRejectedError(`steam profile not found: ${identity} (${parsed.message})`)
  if (parsed.kind === 'other' || !isSteamId64(parsed.steamId64)) {
    throw new PlatformUnavailableError('steam answered something that is not a profile')
  }
  // A profile fetched by id must be that id: anything else means the answer is not about this account.
  if (byId && parsed.steamId64 !== identity) throw new PlatformUnavailableError('steam answered another profile')
  return parsed
}
