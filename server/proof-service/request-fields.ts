/**
 * Reading ProofService request fields the way the reference's Go structs bind them (§4.4, §4.5):
 * a missing or null string field is `""`, a field of another JSON type fails the whole binding
 * (400 `when parsing body: …`), and keys, uuids and created_at get the reference's messages.
 */
import { InvalidInputError } from '../../src/errors.js'
import { describeValue, parseUnixSecondsString, parseUuid } from '../../src/input.js'
import { requireWellFormed } from '../../src/protocol/well-formed.js'
import { parseSignerKey, type SignerKey } from '../crypto/signer-keys.js'
import { HttpError } from '../http/http-error.js'

/** The parsed JSON body as an object; anything else is a binding error. */
export function requireBodyObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, `when parsing body: expected a JSON object, got ${describeValue(value)}`)
  }
  return value as Record<string, unknown>
}

/**
 * A string field of `record`: `""` when missing or null, as Go's zero value; 400 for other types,
 * and for NUL characters and lone surrogates, which PostgreSQL text and jsonb cannot hold.
 */
export function readStringField(record: Record<string, unknown>, name: string, path = name): string {
  const value = Object.hasOwn(record, name) ? record[name] : undefined
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') {
    throw new HttpError(400, `when parsing body: "${path}" expected string, got ${describeValue(value)}`)
  }
  if (value.includes('\u0000')) throw new HttpError(400, `when parsing body: "${path}" contains a NUL character`)
  return requireWellFormed(value, path)
}

/** An avatar key in any accepted form (§3.2), as `0x` + compressed lowercase hex (§15 #2, #3). */
export function parseAvatarKey(value: string, message = 'public key not recognized'): string {
  return parseAvatarSignerKey(value, message).id
}

/** parseAvatarKey's key in every form the request needs, decoded once. */
export function parseAvatarSignerKey(value: string, message = 'public key not recognized'): SignerKey {
  try {
    return parseSignerKey(value, 'public_key')
  } catch (error) {
    if (error instanceof InvalidInputError) throw new HttpError(400, message)
    throw error
  }
}

const GO_UUID_FORMS: readonly RegExp[] = [
  /^urn:uuid:(.{36})$/i,
  /^\{(.{36})\}$/,
  /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i,
]

/**
 * A uuid in any form Go's uuid.Parse accepts (canonical, `urn:uuid:…`, `{…}`, 32 hex digits),
 * re-printed lowercase canonical as the payload carries it (§4.5).
 */
export function parseRequestUuid(value: string): string {
  let canonical = value
  for (const form of GO_UUID_FORMS) {
    const match = form.exec(value)
    if (match) canonical = match.length === 2 ? (match[1] as string) : match.slice(1).join('-')
  }
  try {
    return parseUuid(canonical)
  } catch (error) {
    if (error instanceof InvalidInputError)
      throw new HttpError(400, `error when parsing uuid: ${clip(value)} not recognized`)
    throw error
  }
}

/** `created_at` as Go's ParseInt reads it, re-printed canonically (`"+07"` → `"7"`) as the payload carries it. */
export function parseRequestCreatedAt(value: string): string {
  try {
    return parseUnixSecondsString(value)
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new HttpError(400, `error when parsing created_at: ${clip(value)} not recognized`)
    }
    throw error
  }
}

// Echoed values stay short: a 1 MB "uuid" must not come back in the error.
function clip(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value
}
