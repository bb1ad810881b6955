/**
 * Says in words what signing a `sign_payload` does, so the user approves a binding or a KV write
 * knowing what it is (§5, §9.2). Anything that is not exactly a known payload shape is refused.
 */
import { isLosslessNumber } from 'lossless-json'
import { avatarId } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { parseUnixSecondsString, parseUuid, requireNonEmptyString, requirePlainObject } from '../input.js'
import { sortedKeysUtf8 } from './compare-utf8.js'
import { parseJsonPreservingNumbers } from './parse-json.js'
import { isPlainObject } from './plain-object.js'
import { PLATFORM_LABELS, type Platform, parsePlatform } from './platforms.js'
import { type ProofAction, parsePrevSignature, parseProofAction } from './proof-fields.js'

export interface PayloadDescription {
  action: ProofAction | 'kv'
  platform: Platform
  identity: string
  /** `0x` + compressed avatar hex, when the payload or the caller names it. */
  avatar: string | null
  /** The chain head the payload was made on (§5.1): the previous link's signature, null at genesis; null for KV. */
  prev: string | null
  text: string
}

export interface KvPayloadDescription extends PayloadDescription {
  action: 'kv'
  avatar: string
  /** Top-level keys the patch writes, and the ones it deletes (`null`). */
  sets: string[]
  deletes: string[]
  /** A patch that is not an object replaces the whole content (RFC 7396). */
  replacesAll: boolean
}

const FIELD = 'sign_payload'
const PROOF_KEYS = ['action', 'created_at', 'identity', 'platform', 'prev', 'uuid']
const KV_KEYS = ['version', 'uuid', 'avatar', 'platform', 'identity', 'patch', 'created_at', 'previous']

/** Describes a ProofService sign payload; pass the avatar to name it when the payload does not (§5.1). */
export function describeProofPayload(signPayload: unknown, avatar?: unknown): PayloadDescription {
  const payload = parsePayloadObject(signPayload, () => JSON.parse(signPayload as string))
  const platform = checked('platform', () => parsePlatform(payload.platform, 'platform'))
  const hasPersona = platform === 'ethereum' || platform === 'solana' || platform === 'nextid'
  requireExactKeys(payload, hasPersona ? [...PROOF_KEYS, 'persona'] : PROOF_KEYS)
  const action = checked('action', () => parseProofAction(payload.action, 'action'))
  const identity = checked('identity', () => requireNonEmptyString(payload.identity, 'identity'))
  checked('created_at', () => parseUnixSecondsString(payload.created_at, 'created_at'))
  checked('uuid', () => parseUuid(payload.uuid, 'uuid'))
  const prev = checked('prev', () => parsePrevSignature(payload.prev, 'prev'))
  const persona = hasPersona ? checked('persona', () => avatarId(payload.persona, 'persona')) : null
  const given = avatar === undefined ? null : avatarId(avatar, 'avatar')
  if (persona !== null && given !== null && persona !== given) {
    throw new InvalidInputError('avatar', 'is not the persona the sign_payload names')
  }
  const owner = persona ?? given
  const subject = `${PLATFORM_LABELS[platform]} ${displayIdentity(platform, identity)}`
  const avatarText = owner === null ? 'your avatar' : `avatar ${shortenHex(owner)}`
  const text =
    action === 'create' ? `Bind ${subject} to ${avatarText}` : `Revoke the binding of ${subject} from ${avatarText}`
  return { action, platform, identity, avatar: owner, prev, text }
}

/** Describes a KVService sign payload: whose data, on which avatar, which top-level keys change (§9.2). */
export function describeKvPayload(signPayload: unknown): KvPayloadDescription {
  const payload = parsePayloadObject(signPayload, () => parseJsonPreservingNumbers(signPayload, FIELD))
  requireExactKeys(payload, KV_KEYS)
  if (payload.version !== '1') throw new InvalidInputError(FIELD, 'has an unknown version (expected "1")')
  checked('uuid', () => parseUuid(payload.uuid, 'uuid'))
  const avatar = checked('avatar', () => avatarId(payload.avatar, 'avatar'))
  const platform = checked('platform', () => parsePlatform(payload.platform, 'platform'))
  const identity = checked('identity', () => requireNonEmptyString(payload.identity, 'identity'))
  if (!isLosslessNumber(payload.created_at) || !/^\d+$/.test(payload.created_at.value)) {
    throw new InvalidInputError(FIELD, 'has a bad "created_at": expected unix seconds as a JSON integer')
  }
  checked('previous', () => parsePrevSignature(payload.previous, 'previous'))
  const patch = payload.patch
  const replacesAll = !isPlainObject(patch)
  const keys = isPlainObject(patch) ? sortedKeysUtf8(patch) : []
  const deletes = keys.filter((key) => (patch as Record<string, unknown>)[key] === null)
  const sets = keys.filter((key) => !deletes.includes(key))
  const owner = `${PLATFORM_LABELS[platform]} ${displayIdentity(platform, identity)}`
  const changes = replacesAll ? 'replace all data' : describeChanges(sets, deletes)
  const text = `Write KV data for ${owner} on avatar ${shortenHex(avatar)}: ${changes}`
  return { action: 'kv', platform, identity, avatar, prev: null, text, sets, deletes, replacesAll }
}

/** Shortens a `0x` key or address to `0x02ab12…cd34` (6 hex digits after `0x`, the last 4). */
export function shortenHex(value: string): string {
  const digits = value.startsWith('0x') ? value.slice(2) : value
  return digits.length <= 12 ? value : `0x${digits.slice(0, 6)}…${digits.slice(-4)}`
}

function displayIdentity(platform: Platform, identity: string): string {
  if (platform === 'ethereum' || platform === 'nextid') return shortenHex(identity)
  if (platform === 'solana' && identity.length > 12) return `${identity.slice(0, 6)}…${identity.slice(-4)}`
  return identity
}

function describeChanges(sets: string[], deletes: string[]): string {
  const parts: string[] = []
  if (sets.length > 0) parts.push(`set ${sets.join(', ')}`)
  if (deletes.length > 0) parts.push(`delete ${deletes.join(', ')}`)
  return parts.length === 0 ? 'change nothing' : parts.join(', ')
}

function parsePayloadObject(signPayload: unknown, parse: () => unknown): Record<string, unknown> {
  if (typeof signPayload !== 'string') throw new InvalidInputError(FIELD, 'expected the sign_payload string')
  let parsed: unknown
  try {
    parsed = parse()
  } catch (error) {
    if (error instanceof InvalidInputError) throw error
    throw new InvalidInputError(FIELD, 'is not valid JSON')
  }
  if (!isPlainObject(parsed)) throw new InvalidInputError(FIELD, 'is not a JSON object')
  return requirePlainObject(parsed, FIELD)
}

function requireExactKeys(payload: Record<string, unknown>, expected: readonly string[]): void {
  const unexpected = Object.keys(payload).find((key) => !expected.includes(key))
  if (unexpected !== undefined) throw new InvalidInputError(FIELD, `has an unexpected key "${unexpected.slice(0, 40)}"`)
  const missing = expected.find((key) => !Object.hasOwn(payload, key))
  if (missing !== undefined) throw new InvalidInputError(FIELD, `is missing "${missing}"`)
}

// Field guards name the inner key; the caller sees one field, sign_payload, with the key in the message.
function checked<T>(key: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    throw new InvalidInputError(FIELD, `has a bad "${key}": ${error.message.slice(error.field.length + 3)}`)
  }
}
