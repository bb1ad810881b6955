/**
 * What the ProofService (§4) and KVService (§9.1) clients return: camelCase names for the
 * snake_case wire fields, only the documented fields, every type checked. Signature and payload
 * strings are kept verbatim because they are verified byte for byte later (§1.1).
 */

/** Any JSON value, as KV content and patches are (§9.3). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue }

/** ProofService `GET /healthz` (§4.3). */
export type ProofServiceHealth = {
  hello: string
  runtime: string
  platforms: string[]
  environment: string
  revision: string
  builtAt: string
}

/** `POST /v1/proof/payload` (§4.4); `uuid` and `createdAt` must be echoed as received. */
export type ProofPayload = {
  /** Post texts by language; always has `default`. */
  postContent: Record<string, string>
  /** The exact string to personal_sign (§1.1). */
  signPayload: string
  uuid: string
  /** Decimal unix seconds as a string (§4.4). */
  createdAt: string
}

/** `pagination` of `GET /v1/proof` and `GET /v1/proofchain`; `next` is 0 on the last page (§4.6). */
export type Pagination = {
  total: number
  per: number
  current: number
  next: number
}

/** One binding of an avatar (§4.6). Times are unix seconds as strings. */
export type Proof = {
  platform: string
  identity: string
  altId: string
  createdAt: string
  lastCheckedAt: string
  isValid: boolean
  invalidReason: string
}

/** One avatar in `GET /v1/proof` with all its bindings (§4.6). */
export type AvatarBindings = {
  /** `0x` + compressed lowercase hex, from the wire's `avatar` or legacy `persona`. */
  avatar: string
  /** Other avatars linked through nextid bindings, `0x` + compressed. */
  alias: string[]
  /** Arweave tx id of the avatar's last chain link; `""` when not uploaded yet. */
  lastArweaveId: string
  activatedAt: string
  proofs: Proof[]
}

/** One page of `GET /v1/proof` (§4.6). */
export type ProofQueryPage = {
  pagination: Pagination
  ids: AvatarBindings[]
}

/** `GET /v1/proof/exists` (§4.7). */
export type ProofExistence = {
  createdAt: string
  lastCheckedAt: string
  isValid: boolean
  invalidReason: string
}

/** One link of an avatar's proof chain (§4.8, §8). */
export type ProofChainLink = {
  action: string
  platform: string
  identity: string
  altId: string
  proofLocation: string
  /** The client-echoed link time, unix seconds as a string. */
  createdAt: string
  /** Base64 of the 65-byte signature, verbatim; may be `""` on a broken link (§4.5). */
  signature: string
  /** The exact signed string, verbatim; `""` on very old links (§5.2 legacy). */
  signaturePayload: string
  /** `""` on very old links. */
  uuid: string
  extra: JsonObject
  arweaveId: string
}

/** One page of `GET /v1/proofchain` (§4.8). */
export type ProofChainPage = {
  pagination: Pagination
  proofChain: ProofChainLink[]
}

/** One entry of `GET /v1/proofchain/changes` (§4.9). */
export type ProofChainChange = ProofChainLink & {
  /** The cursor to pass as `lastId` to get the entries after this one. */
  id: number
  /** `0x` + compressed lowercase hex. */
  avatar: string
}

/** KVService `GET /healthz` (§9.1). */
export type KvServiceHealth = {
  hello: string
  buildAt: string
  commitVersion: string
}

/** The KV content one avatar holds for one platform identity (§9.1). */
export type KvEntry = {
  platform: string
  identity: string
  content: JsonValue
  /** Arweave tx id, or null when not uploaded (§12: also `""` in older answers). */
  arweaveId: string | null
}

/** `GET /v1/kv` and the `POST /v1/kv` answer (§9.1). */
export type AvatarKv = {
  /** `0x` + uncompressed lowercase hex, as KVService prints keys (§3.3). */
  avatar: string
  proofs: KvEntry[]
}

/** One entry of `GET /v1/kv/by_identity` (§9.1). */
export type KvIdentityValue = {
  /** `0x` + uncompressed lowercase hex (§3.3). */
  avatar: string
  content: JsonValue
}

/** `POST /v1/kv/payload` (§9.1); `createdAt` is a number here and must be echoed as received. */
export type KvPayload = {
  uuid: string
  /** The exact string to personal_sign (§1.1, §9.2). */
  signPayload: string
  createdAt: number
}
