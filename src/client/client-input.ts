/**
 * Guards for the arguments of the client methods. They run before any request is made, so a bad
 * argument is an InvalidInputError naming the field, never a 400 from the service.
 */
import { avatarId, encodeBase64, formatPublicKey, parsePublicKey } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { describeValue, requireBytes, requireInteger, requireNonEmptyString, requirePlainObject } from '../input.js'
import { requireWellFormed } from '../protocol/well-formed.js'

/** A public key as hex text (`0x` optional, 33 or 65 bytes) or as bytes (§3.2). */
export type PublicKeyInput = string | Uint8Array

/** The parameter object of a method. */
export function requireParams(value: unknown): Record<string, unknown> {
  return requirePlainObject(value, 'params')
}

/** A public key in any accepted form, returned as ProofService's `0x` + compressed hex (§3.3). */
export function requireAvatarId(value: unknown, field: string): string {
  return avatarId(requireKeyInput(value, field), field)
}

/**
 * A public key for KVService, sent as the caller wrote it once it parses (§9.1 accepts any §3.2
 * form); bytes are sent as `0x` + uncompressed hex, the form KVService prints (§3.3).
 */
export function requireKvKeyText(value: unknown, field: string): string {
  const key = parsePublicKey(requireKeyInput(value, field), field)
  return typeof value === 'string' ? value : formatPublicKey(key, { compressed: false })
}

function requireKeyInput(value: unknown, field: string): string | Uint8Array {
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
    throw new InvalidInputError(field, `expected hex string or Uint8Array, got ${describeValue(value)}`)
  }
  return value
}

/**
 * A 65-byte personal_sign signature r||s||v, returned as standard base64 (§3.4, §3.5). Servers
 * accept v in {0, 1, 27, 28} only, so anything else is refused here rather than as a 400.
 */
export function requireSignatureBase64(value: unknown, field = 'signature'): string {
  const bytes = requireBytes(value, field, [65])
  const v = bytes[64] as number
  if (v !== 0 && v !== 1 && v !== 27 && v !== 28) {
    throw new InvalidInputError(field, `expected v (last byte) of 0, 1, 27 or 28, got ${v}`)
  }
  return encodeBase64(bytes)
}

/** An optional 1-based page number. */
export function optionalPage(value: unknown, field = 'page'): number | undefined {
  return value === undefined ? undefined : requireInteger(value, field, 1, 2_147_483_647)
}

/**
 * A non-empty string that has a UTF-8 form: identities end up in signed payloads, and a lone
 * surrogate would be signed as other bytes than the server sees (src/protocol/well-formed.ts).
 */
export function requireText(value: unknown, field: string): string {
  return requireWellFormed(requireNonEmptyString(value, field), field)
}
