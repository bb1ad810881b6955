/**
 * Field guards shared by requests and responses, adding to src/input.ts. They throw
 * InvalidInputError naming the field; for a response the name is the wire path
 * (`ids[0].proofs[1].is_valid`) and the HTTP helper turns the error into InvalidResponseError,
 * since the server, not the caller, sent the wrong value.
 */
import { avatarId, formatPublicKey, parsePublicKey } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import {
  describeValue,
  parseUnixSecondsString,
  parseUuid,
  requireInteger,
  requirePlainObject,
  requireString,
} from '../input.js'
import type { Pagination } from './types.js'

/** The name of `key` inside the object at `path` ('' for the top level). */
export function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

/** A JSON boolean. */
export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidInputError(field, `expected boolean, got ${describeValue(value)}`)
  return value
}

/** A JSON array. */
export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidInputError(field, `expected array, got ${describeValue(value)}`)
  return value
}

/** A JSON array of strings. */
export function requireStringArray(value: unknown, field: string): string[] {
  return requireArray(value, field).map((item, index) => requireString(item, `${field}[${index}]`))
}

/** A string or null (KV `arweave_id`, §9.1). */
export function requireStringOrNull(value: unknown, field: string): string | null {
  return value === null ? null : requireString(value, field)
}

/** A non-negative integer that JS holds exactly (counts, ids, KV `created_at`). */
export function requireCount(value: unknown, field: string): number {
  return requireInteger(value, field, 0, Number.MAX_SAFE_INTEGER)
}

/** ProofService times: decimal unix seconds in a string (§4.4), returned verbatim to be echoed. */
export function requireUnixSecondsText(value: unknown, field: string): string {
  parseUnixSecondsString(value, field)
  return value as string
}

/** A UUID, returned verbatim: it is echoed exactly as the service sent it (§4.5). */
export function requireUuidText(value: unknown, field: string): string {
  parseUuid(value, field)
  return value as string
}

/** A public key as printed by a service, normalised to `0x` + compressed or uncompressed hex. */
export function requireKeyText(value: unknown, field: string, compressed: boolean): string {
  const key = parsePublicKey(requireString(value, field), field)
  return compressed ? avatarId(key) : formatPublicKey(key, { compressed: false })
}

/**
 * The avatar of a response object, read from `avatar` or its legacy twin `persona` (§4.6, §9.1,
 * §15 #16); when both are present they must name the same key.
 */
export function requireAvatarField(record: Record<string, unknown>, path: string, compressed: boolean): string {
  const { avatar, persona } = record
  const avatarName = fieldPath(path, 'avatar')
  const personaName = fieldPath(path, 'persona')
  if (avatar === undefined && persona === undefined) {
    throw new InvalidInputError(avatarName, 'expected string, got undefined')
  }
  const fromAvatar = avatar === undefined ? undefined : requireKeyText(avatar, avatarName, compressed)
  const fromPersona = persona === undefined ? undefined : requireKeyText(persona, personaName, compressed)
  if (fromAvatar !== undefined && fromPersona !== undefined && fromAvatar !== fromPersona) {
    throw new InvalidInputError(personaName, 'names a different key than "avatar"')
  }
  return (fromAvatar ?? fromPersona) as string
}

/** The `pagination` object of paged ProofService answers (§4.6). */
export function requirePagination(value: unknown, field: string): Pagination {
  const record = requirePlainObject(value, field)
  return {
    total: requireCount(record.total, `${field}.total`),
    per: requireCount(record.per, `${field}.per`),
    current: requireCount(record.current, `${field}.current`),
    next: requireCount(record.next, `${field}.next`),
  }
}
