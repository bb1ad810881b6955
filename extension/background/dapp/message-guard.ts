/**
 * What nextid_signMessage refuses to sign: anything a Next.ID service would accept as a proof or
 * KV signature (§5, §9), and a sign-in message for a domain other than the requester's
 * (ERC-4361 "Verifying the Request Origin": the host MUST match).
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireString } from '../../../src/input.js'
import { describeKvPayload, describeProofPayload } from '../../../src/protocol/index.js'
import { DappError, INVALID_PARAMS } from './dapp-error.js'

export const MAX_MESSAGE_LENGTH = 8192

// Keys of proof (§5.3) and KV (§9.1) sign payloads; one is enough to refuse a JSON object.
const PAYLOAD_KEYS = ['action', 'platform', 'identity', 'persona', 'prev', 'previous', 'patch', 'avatar', 'created_at']
const SIGN_IN_LINE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\S+) wants you to sign in with your \S+ account:\s*$/

/** The text to sign, or a DappError (-32602) saying why it is refused for `origin`. */
export function requireSignableMessage(value: unknown, origin: string): string {
  const text = requireString(value, 'message')
  if (text.length === 0 || text.length > MAX_MESSAGE_LENGTH) {
    throw new InvalidInputError('message', `expected 1 to ${MAX_MESSAGE_LENGTH} characters`)
  }
  if (looksLikeNextIdPayload(text)) {
    throw new DappError(INVALID_PARAMS, 'refused: the message is a Next.ID proof or KV payload')
  }
  const host = new URL(origin).host.toLowerCase()
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = SIGN_IN_LINE.exec(line.trim())
    if (match && stripUserinfo(match[2] ?? '').toLowerCase() !== host) {
      throw new DappError(INVALID_PARAMS, 'refused: the message signs in to another domain')
    }
  }
  return text
}

/** True when the text parses as a Next.ID sign payload, or as JSON carrying one's keys. */
export function looksLikeNextIdPayload(text: string): boolean {
  for (const parse of [describeProofPayload, describeKvPayload]) {
    try {
      parse(text)
      return true
    } catch {
      // Not this kind of payload; the key check below still catches near-misses.
    }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return false
  }
  return typeof parsed === 'object' && parsed !== null && hasPayloadKey(parsed)
}

function hasPayloadKey(value: object): boolean {
  if (Array.isArray(value))
    return value.some((item) => typeof item === 'object' && item !== null && hasPayloadKey(item))
  return PAYLOAD_KEYS.some((key) => Object.hasOwn(value, key))
}

function stripUserinfo(authority: string): string {
  const at = authority.lastIndexOf('@')
  return at === -1 ? authority : authority.slice(at + 1)
}
