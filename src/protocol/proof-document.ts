/**
 * The JSON document a GitHub gist file or a Keybase file holds as the proof (§6.2, §6.1): the
 * avatar, the sign payload and the avatar's signature over it.
 */
import { avatarId } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import {
  parseUnixSecondsString,
  parseUuid,
  requireNonEmptyString,
  requireOneOf,
  requirePlainObject,
  requireString,
} from '../input.js'

export interface ProofDocument {
  /** `0x` + compressed avatar hex, normalised. */
  persona: string
  /** The `github_username` or `keybase_username`. */
  username: string
  signPayload: string
  /** As written: base64, or base1024 on platforms that accept it (§3.5). */
  signature: string
  createdAt: string
  uuid: string
}

/** Parses and checks a GitHub / Keybase proof document; a missing or malformed field names itself. */
export function parseProofDocument(text: unknown, platform: unknown): ProofDocument {
  const site = requireOneOf(platform, 'platform', ['github', 'keybase'] as const)
  let parsed: unknown
  try {
    parsed = JSON.parse(requireString(text, 'text'))
  } catch (error) {
    if (error instanceof InvalidInputError) throw error
    throw new InvalidInputError('text', 'is not a JSON proof document')
  }
  const document = requirePlainObject(parsed, 'document')
  if (document.version !== '1') throw new InvalidInputError('version', 'expected "1"')
  const usernameKey = `${site}_username`
  return {
    persona: avatarId(document.persona, 'persona'),
    username: requireNonEmptyString(document[usernameKey], usernameKey),
    signPayload: requireNonEmptyString(document.sign_payload, 'sign_payload'),
    signature: requireNonEmptyString(document.signature, 'signature'),
    createdAt: parseUnixSecondsString(document.created_at, 'created_at'),
    uuid: parseUuid(document.uuid, 'uuid'),
  }
}
