/**
 * Checks the arguments of each KVService method and builds the exact query or JSON body the
 * reference server reads (§9.1). Runs before any request, so bad input never reaches the network.
 */
import { requireInteger } from '../input.js'
import { type Platform, parsePlatform } from '../protocol/platforms.js'
import {
  type PublicKeyInput,
  requireKvKeyText,
  requireParams,
  requireSignatureBase64,
  requireText,
} from './client-input.js'
import { requireUuidText } from './field-guards.js'
import { requireJsonValue } from './json-value.js'
import type { JsonValue } from './types.js'

/** Arguments of `GET /v1/kv/by_identity`. */
export type KvIdentityParams = { platform: Platform; identity: string }

/** Arguments of `POST /v1/kv/payload` (§9.1). */
export type CreateKvPayloadParams = {
  avatar: PublicKeyInput
  platform: Platform
  /** Sent as given: KV matches it exactly (§9.1); for `nextid` the avatar itself, `0x` + compressed (§9.4). */
  identity: string
  /** An RFC 7396 merge patch (§9.3). */
  patch: JsonValue
}

/** Arguments of `POST /v1/kv` (§9.1). */
export type SubmitKvParams = CreateKvPayloadParams & {
  /** Exactly as `createKvPayload` returned it. */
  uuid: string
  /** Exactly as `createKvPayload` returned it: a number (§1.1). */
  createdAt: number
  /** The avatar's 65-byte personal_sign over `signPayload`. */
  signature: Uint8Array
}

type Body = Record<string, unknown>
type Query = [string, string][]

/** Query of `GET /v1/kv`: the key as the caller wrote it, once it parses. */
export function buildKvQuery(avatar: PublicKeyInput): Query {
  return [['avatar', requireKvKeyText(avatar, 'avatar')]]
}

/** Query of `GET /v1/kv/by_identity`. */
export function buildKvIdentityQuery(params: KvIdentityParams): Query {
  const input = requireParams(params)
  return [
    ['platform', parsePlatform(input.platform)],
    ['identity', requireText(input.identity, 'identity')],
  ]
}

/** Body of `POST /v1/kv/payload`. */
export function buildKvPayloadBody(params: CreateKvPayloadParams): Body {
  const input = requireParams(params)
  return {
    avatar: requireKvKeyText(input.avatar, 'avatar'),
    platform: parsePlatform(input.platform),
    identity: requireText(input.identity, 'identity'),
    patch: requireJsonValue(input.patch, 'patch'),
  }
}

/** Body of `POST /v1/kv`; `created_at` stays a JSON number (§1.1, §9.1). */
export function buildKvSubmitBody(params: SubmitKvParams): Body {
  const input = requireParams(params)
  const { avatar, platform, identity, patch } = buildKvPayloadBody(params)
  return {
    avatar,
    platform,
    identity,
    uuid: requireUuidText(input.uuid, 'uuid'),
    created_at: requireInteger(input.createdAt, 'createdAt', 0, Number.MAX_SAFE_INTEGER),
    signature: requireSignatureBase64(input.signature),
    patch,
  }
}
