/**
 * Reads the bodies of POST /v1/kv/payload and POST /v1/kv (§9.1). Numbers are parsed losslessly
 * so the rebuilt sign payload keeps `1.0` (§9.2). Wrong JSON types answer the reference's
 * `JSON parse error: …`; keys, uuids and signatures its `public key not recognized` (§15 #2),
 * `UUID parse error`, `base64 error` and `Crypto error` messages. Everything a database could not
 * store (U+0000, lone surrogates, numbers out of range) is refused here with a 400, never a 500.
 */
import type { Context } from 'hono'
import { isLosslessNumber } from 'lossless-json'
import { decodeBase64, recoveryIdOf } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { parseUuid, requireNonEmptyString } from '../../src/input.js'
import {
  applyMergePatch,
  type Platform,
  parseJsonPreservingNumbers,
  parsePlatform,
  stringifySerdeJson,
} from '../../src/protocol/index.js'
import { isPlainObject } from '../../src/protocol/plain-object.js'
import { parseSignerKey, type SignerKey } from '../crypto/signer-keys.js'
import { HttpError } from '../http/http-error.js'
import { readJsonBody } from '../http/read-json-body.js'
import { findRawMember, measureJsonDepth } from './json-text-scan.js'

/** serde_json's recursion limit (128, failing on reaching 0): deeper bodies are a parse error there too. */
const MAX_DEPTH = 127

/** Identities are short on every platform; this keeps them well inside PostgreSQL's index limits. */
const MAX_TEXT_BYTES = 1024

export type KvBody = { text: string; record: Record<string, unknown> }

/** What both KV write endpoints receive. */
export type KvWriteRequest = {
  /** 33-byte compressed key. */
  avatar: Uint8Array
  /** The same key decoded once: its id, and the uncompressed form the payload carries. */
  avatarKey: SignerKey
  platform: Platform
  /** As sent: KVService stores and signs it unchanged (§9.2). */
  identity: string
  /** The parsed patch; numbers are LosslessNumbers. */
  patch: unknown
  /** The patch exactly as written in the request. */
  patchText: string
}

/** POST /v1/kv: the write plus what the client echoes and signs. */
export type KvUploadRequest = KvWriteRequest & {
  uuid: string
  createdAt: number
  /** 65 bytes r‖s‖v, v as sent (§15 #1). */
  signature: Uint8Array
  /** The base64 text as sent; the next link's `previous` (§9.2). */
  signatureText: string
}

/** Reads the request body as text and as a lossless JSON object. */
export async function readKvBody(c: Context): Promise<KvBody> {
  let text: string
  try {
    ;({ text } = await readJsonBody(c))
  } catch (error) {
    if (error instanceof HttpError && error.status === 400) {
      throw jsonError(error.message.replace(/^when parsing body: /, ''))
    }
    throw error
  }
  if (measureJsonDepth(text) > MAX_DEPTH) throw jsonError('recursion limit exceeded')
  const value = asJsonError(() => parseJsonPreservingNumbers(text, 'body'))
  if (!isPlainObject(value)) throw jsonError('expected a JSON object')
  return { text, record: value }
}

/** The fields of POST /v1/kv/payload; `persona` is the legacy name of `avatar`, which wins (§9.1, §15 #16). */
export function parseKvWriteRequest({ text, record }: KvBody): KvWriteRequest {
  const avatarValue = record.avatar ?? record.persona
  if (avatarValue === undefined || avatarValue === null) throw new HttpError(400, 'Param missing: avatar')
  const avatarKey = parseKvSignerKey(requireJsonString(avatarValue, 'avatar'), 'avatar')
  const platform = parsePlatform(requireJsonString(requireField(record, 'platform'), 'platform'))
  const identity = requireStorableText(requireJsonString(requireField(record, 'identity'), 'identity'), 'identity')
  const patch = requireField(record, 'patch')
  requireStorablePatch(patch)
  const patchText = findRawMember(text, 'patch') ?? stringifySerdeJson(patch, 'patch')
  return { avatar: avatarKey.compressed, avatarKey, platform, identity, patch, patchText }
}

/** The fields of POST /v1/kv: those of /payload plus uuid, created_at and signature. */
export function parseKvUploadRequest(body: KvBody): KvUploadRequest {
  const write = parseKvWriteRequest(body)
  const { record } = body
  const uuidText = requireJsonString(requireField(record, 'uuid'), 'uuid')
  const uuid = withPrefix('UUID parse error', () => parseUuid(uuidText, 'uuid'))
  const createdAt = parseCreatedAt(requireField(record, 'created_at'))
  const signatureText = requireJsonString(requireField(record, 'signature'), 'signature')
  const signature = withPrefix('base64 error', () => decodeBase64(signatureText, 'signature'))
  withPrefix('Crypto error', () => recoveryIdOf(signature, 'signature'))
  return { ...write, uuid, createdAt, signature, signatureText }
}

/** A public key in any §3.2 form, strictly parsed (§15 #2), decoded once into every form a request needs. */
export function parseKvSignerKey(value: string, field: string): SignerKey {
  return withPrefix('public key not recognized', () => parseSignerKey(value, field))
}

/** Non-empty text that PostgreSQL can store and index, and that UTF-8 can encode. */
export function requireStorableText(value: string, field: string): string {
  requireNonEmptyString(value, field)
  if (value.includes('\u0000')) throw new InvalidInputError(field, 'must not contain U+0000')
  // Lone surrogates have no UTF-8 form; stringifySerdeJson refuses them with the field's name.
  stringifySerdeJson(value, field)
  // kv's indexes hold the identity, and a btree entry cannot exceed about 2.7 kB.
  const bytes = new TextEncoder().encode(value).length
  if (bytes > MAX_TEXT_BYTES)
    throw new InvalidInputError(field, `must be at most ${MAX_TEXT_BYTES} bytes, got ${bytes}`)
  return value
}

// KV `created_at` is an i64 JSON number in the reference; a string or `1.0` fails serde (§9.1).
function parseCreatedAt(value: unknown): number {
  if (isLosslessNumber(value) && /^(0|[1-9]\d*)$/.test(value.value)) {
    const seconds = Number(value.value)
    if (Number.isSafeInteger(seconds)) return seconds
  }
  const got = isLosslessNumber(value) ? value.value.slice(0, 40) : describeJson(value)
  throw jsonError(`"created_at" expected the integer number POST /v1/kv/payload returned, got ${got}`)
}

// Serializing refuses lone surrogates and out-of-range numbers, merging a "__proto__" key, and
// PostgreSQL's jsonb has no U+0000: each is a 400 here rather than a failure at the database.
function requireStorablePatch(patch: unknown): void {
  stringifySerdeJson(patch, 'patch')
  applyMergePatch({}, patch)
  if (containsNul(patch)) throw new InvalidInputError('patch', 'must not contain U+0000')
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(containsNul)
  if (!isPlainObject(value)) return false
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item))
}

function requireField(record: Record<string, unknown>, field: string): unknown {
  if (!Object.hasOwn(record, field)) throw jsonError(`missing field "${field}"`)
  return record[field]
}

function requireJsonString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw jsonError(`"${field}" expected string, got ${describeJson(value)}`)
  return value
}

function describeJson(value: unknown): string {
  if (value === null) return 'null'
  if (isLosslessNumber(value)) return 'number'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function jsonError(problem: string): HttpError {
  return new HttpError(400, `JSON parse error: ${problem}`)
}

function asJsonError<T>(parse: () => T): T {
  return withPrefix('JSON parse error', parse)
}

/** Runs a src/ guard and reports its InvalidInputError under one of the reference's prefixes (§9.1). */
function withPrefix<T>(prefix: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof InvalidInputError) throw new HttpError(400, `${prefix}: ${error.message}`)
    throw error
  }
}
