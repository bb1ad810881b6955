/**
 * The exact `sign_payload` KVService builds at POST /v1/kv/payload and rebuilds at POST /v1/kv
 * (§9.2): serde_json of a struct, so the fields keep their struct order while the keys inside
 * `patch` are sorted at every depth.
 */
import { formatPublicKey, parsePublicKey } from '../crypto/index.js'
import { parseUuid, requireInteger, requireNonEmptyString, requirePlainObject } from '../input.js'
import { type Platform, parsePlatform } from './platforms.js'
import { parsePrevSignature } from './proof-fields.js'
import { quoteSerdeString, stringifySerdeJson } from './serde-json.js'

export interface KvSignPayloadParams {
  uuid: string
  /** The avatar public key: hex (33 or 65 bytes, `0x` optional) or bytes. */
  avatar: string | Uint8Array
  platform: Platform
  /** Exactly as the client sent it: KVService does not normalise it (§9.2). */
  identity: string
  /** Any JSON value; numbers as lossless-json LosslessNumbers keep their literal (see stringifySerdeJson). */
  patch: unknown
  /** Unix seconds, a JSON number in this payload (unlike ProofService's string). */
  createdAt: number
  /** Base64 of a previous KV chain link's signature, or null. */
  previous: string | null
}

/** The KV `sign_payload`: version, uuid, avatar, platform, identity, patch, created_at, previous. */
export function buildKvSignPayload(params: KvSignPayloadParams): string {
  const input = requirePlainObject(params, 'params')
  const uuid = parseUuid(input.uuid, 'uuid')
  // Uncompressed lowercase hex without `0x` (§3.3).
  const avatar = formatPublicKey(parsePublicKey(input.avatar, 'avatar'), { compressed: false, prefix: false })
  const platform = parsePlatform(input.platform)
  const identity = requireNonEmptyString(input.identity, 'identity')
  const patch = stringifySerdeJson(input.patch, 'patch')
  const createdAt = requireInteger(input.createdAt, 'createdAt', 0, Number.MAX_SAFE_INTEGER)
  const previous = parsePrevSignature(input.previous, 'previous')
  return (
    `{"version":"1","uuid":${quoteSerdeString(uuid)},"avatar":${quoteSerdeString(avatar)},` +
    `"platform":${quoteSerdeString(platform)},"identity":${quoteSerdeString(identity, 'identity')},` +
    `"patch":${patch},"created_at":${createdAt},"previous":${previous === null ? 'null' : quoteSerdeString(previous)}}`
  )
}
