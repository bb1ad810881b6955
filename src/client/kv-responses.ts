/**
 * Readers for KVService response bodies (§9.1). Avatars come back as `0x` + uncompressed hex, the
 * form KVService prints (§3.3); `created_at` is a number here, unlike ProofService.
 */
import { requireNonEmptyString, requirePlainObject, requireString } from '../input.js'
import {
  requireArray,
  requireAvatarField,
  requireCount,
  requireKeyText,
  requireStringOrNull,
  requireUuidText,
} from './field-guards.js'
import { requireJsonValue } from './json-value.js'
import type { AvatarKv, KvEntry, KvIdentityValue, KvPayload, KvServiceHealth } from './types.js'

/** `GET /healthz` (§9.1). */
export function readKvServiceHealth(body: unknown): KvServiceHealth {
  const record = requirePlainObject(body, 'body')
  return {
    hello: requireString(record.hello, 'hello'),
    buildAt: requireString(record.build_at, 'build_at'),
    commitVersion: requireString(record.commit_version, 'commit_version'),
  }
}

/** `GET /v1/kv` and the 201 answer of `POST /v1/kv` (§9.1). */
export function readAvatarKv(body: unknown): AvatarKv {
  const record = requirePlainObject(body, 'body')
  return {
    avatar: requireAvatarField(record, '', false),
    proofs: requireArray(record.proofs, 'proofs').map((item, index) => readKvEntry(item, `proofs[${index}]`)),
  }
}

function readKvEntry(value: unknown, path: string): KvEntry {
  const record = requirePlainObject(value, path)
  return {
    platform: requireNonEmptyString(record.platform, `${path}.platform`),
    identity: requireString(record.identity, `${path}.identity`),
    content: requireJsonValue(record.content, `${path}.content`),
    // §12: null in code, "" in the apib example; both kept as sent.
    arweaveId: requireStringOrNull(record.arweave_id, `${path}.arweave_id`),
  }
}

/** `GET /v1/kv/by_identity` (§9.1). */
export function readKvIdentityValues(body: unknown): KvIdentityValue[] {
  const record = requirePlainObject(body, 'body')
  return requireArray(record.values, 'values').map((item, index) => {
    const path = `values[${index}]`
    const value = requirePlainObject(item, path)
    return {
      avatar: requireKeyText(value.avatar, `${path}.avatar`, false),
      content: requireJsonValue(value.content, `${path}.content`),
    }
  })
}

/** `POST /v1/kv/payload` (§9.1): `created_at` must be an integer, echoed later as received. */
export function readKvPayload(body: unknown): KvPayload {
  const record = requirePlainObject(body, 'body')
  return {
    uuid: requireUuidText(record.uuid, 'uuid'),
    signPayload: requireNonEmptyString(record.sign_payload, 'sign_payload'),
    createdAt: requireCount(record.created_at, 'created_at'),
  }
}
