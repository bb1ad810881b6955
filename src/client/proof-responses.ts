/**
 * Readers for ProofService response bodies (§4). Each checks every field's JSON type, keeps only
 * the documented fields, and renames them to camelCase. Wire names appear in error messages.
 */
import { requireNonEmptyString, requirePlainObject, requireString } from '../input.js'
import {
  fieldPath,
  requireArray,
  requireAvatarField,
  requireBoolean,
  requireCount,
  requireKeyText,
  requirePagination,
  requireStringArray,
  requireUnixSecondsText,
  requireUuidText,
} from './field-guards.js'
import { requireJsonObject } from './json-value.js'
import type {
  AvatarBindings,
  Proof,
  ProofChainChange,
  ProofChainLink,
  ProofChainPage,
  ProofExistence,
  ProofPayload,
  ProofQueryPage,
  ProofServiceHealth,
} from './types.js'

/** `GET /healthz` (§4.3). */
export function readProofServiceHealth(body: unknown): ProofServiceHealth {
  const record = requirePlainObject(body, 'body')
  return {
    hello: requireString(record.hello, 'hello'),
    runtime: requireString(record.runtime, 'runtime'),
    platforms: requireStringArray(record.platforms, 'platforms'),
    environment: requireString(record.environment, 'environment'),
    revision: requireString(record.revision, 'revision'),
    builtAt: requireString(record.built_at, 'built_at'),
  }
}

/** `POST /v1/proof/payload` (§4.4). `uuid` and `created_at` are checked but kept as sent. */
export function readProofPayload(body: unknown): ProofPayload {
  const record = requirePlainObject(body, 'body')
  const postContent = requirePlainObject(record.post_content, 'post_content')
  requireString(postContent.default, 'post_content.default')
  return {
    postContent: Object.fromEntries(
      Object.entries(postContent).map(([lang, text]) => [lang, requireString(text, `post_content.${lang}`)]),
    ),
    signPayload: requireNonEmptyString(record.sign_payload, 'sign_payload'),
    uuid: requireUuidText(record.uuid, 'uuid'),
    createdAt: requireUnixSecondsText(record.created_at, 'created_at'),
  }
}

/** `POST /v1/proof` answers 201 `{}` (§4.5); only the object shape is checked. */
export function readProofSubmitted(body: unknown): void {
  requirePlainObject(body, 'body')
}

/** `GET /v1/proof` (§4.6). */
export function readProofQueryPage(body: unknown): ProofQueryPage {
  const record = requirePlainObject(body, 'body')
  return {
    pagination: requirePagination(record.pagination, 'pagination'),
    ids: requireArray(record.ids, 'ids').map((item, index) => readAvatarBindings(item, `ids[${index}]`)),
  }
}

function readAvatarBindings(value: unknown, path: string): AvatarBindings {
  const record = requirePlainObject(value, path)
  const alias = requireStringArray(record.alias, fieldPath(path, 'alias'))
  return {
    avatar: requireAvatarField(record, path, true),
    alias: alias.map((key, index) => requireKeyText(key, `${path}.alias[${index}]`, true)),
    lastArweaveId: requireString(record.last_arweave_id, fieldPath(path, 'last_arweave_id')),
    activatedAt: requireUnixSecondsText(record.activated_at, fieldPath(path, 'activated_at')),
    proofs: requireArray(record.proofs, fieldPath(path, 'proofs')).map((item, index) =>
      readProof(item, `${path}.proofs[${index}]`),
    ),
  }
}

function readProof(value: unknown, path: string): Proof {
  const record = requirePlainObject(value, path)
  return {
    platform: requireNonEmptyString(record.platform, `${path}.platform`),
    identity: requireString(record.identity, `${path}.identity`),
    altId: requireString(record.alt_id, `${path}.alt_id`),
    ...readCheckState(record, path),
  }
}

/** `GET /v1/proof/exists` (§4.7). */
export function readProofExistence(body: unknown): ProofExistence {
  return readCheckState(requirePlainObject(body, 'body'), '')
}

function readCheckState(record: Record<string, unknown>, path: string): ProofExistence {
  return {
    createdAt: requireUnixSecondsText(record.created_at, fieldPath(path, 'created_at')),
    lastCheckedAt: requireUnixSecondsText(record.last_checked_at, fieldPath(path, 'last_checked_at')),
    isValid: requireBoolean(record.is_valid, fieldPath(path, 'is_valid')),
    invalidReason: requireString(record.invalid_reason, fieldPath(path, 'invalid_reason')),
  }
}

/** `GET /v1/proofchain` (§4.8). */
export function readProofChainPage(body: unknown): ProofChainPage {
  const record = requirePlainObject(body, 'body')
  return {
    pagination: requirePagination(record.pagination, 'pagination'),
    proofChain: requireArray(record.proof_chain, 'proof_chain').map((item, index) =>
      readProofChainLink(requirePlainObject(item, `proof_chain[${index}]`), `proof_chain[${index}]`),
    ),
  }
}

/** `GET /v1/proofchain/changes` (§4.9). */
export function readProofChainChanges(body: unknown): ProofChainChange[] {
  const record = requirePlainObject(body, 'body')
  return requireArray(record.links, 'links').map((item, index) => {
    const path = `links[${index}]`
    const link = requirePlainObject(item, path)
    return {
      id: requireCount(link.id, `${path}.id`),
      avatar: requireAvatarField(link, path, true),
      ...readProofChainLink(link, path),
    }
  })
}

function readProofChainLink(record: Record<string, unknown>, path: string): ProofChainLink {
  return {
    action: requireString(record.action, `${path}.action`),
    platform: requireString(record.platform, `${path}.platform`),
    identity: requireString(record.identity, `${path}.identity`),
    altId: requireString(record.alt_id, `${path}.alt_id`),
    proofLocation: requireString(record.proof_location, `${path}.proof_location`),
    createdAt: requireUnixSecondsText(record.created_at, `${path}.created_at`),
    signature: requireString(record.signature, `${path}.signature`),
    signaturePayload: requireString(record.signature_payload, `${path}.signature_payload`),
    uuid: requireString(record.uuid, `${path}.uuid`),
    // Go stores `extra` as raw JSON; links written before it existed may carry null (§4.8).
    extra: record.extra === null ? {} : requireJsonObject(record.extra, `${path}.extra`),
    arweaveId: requireString(record.arweave_id, `${path}.arweave_id`),
  }
}

/** `POST /v1/proof/restore_pubkey` (§4.10): the signer as `0x` + compressed hex. */
export function readRestoredPublicKey(body: unknown): string {
  const record = requirePlainObject(body, 'body')
  return requireKeyText(record.public_key, 'public_key', true)
}
