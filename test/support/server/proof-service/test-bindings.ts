/**
 * Test helper: the client side of a binding, done for real — ask for the payload, sign it with
 * fixed keys (src/crypto, never mocked), submit it — plus a stand-in validator for platforms whose
 * payload is under test but whose platform is not.
 */

import type { Database } from '../../../../server/db/database.js'
import type { Validator } from '../../../../server/validators/validator.js'
import { avatarId, getPublicKey } from '../../../../src/crypto/index.js'
import type { Platform, ProofAction } from '../../../../src/protocol/index.js'
import { AVATAR_KEY, signBase64 } from './test-keys.js'
import type { AnyJson, TestProofService } from './test-proof-service.js'

export type BindingSpec = {
  action?: ProofAction
  platform: string
  identity: string
  avatarKey?: Uint8Array
  /** The key as sent; defaults to `0x` + compressed of `avatarKey`. */
  publicKey?: string
  proofLocation?: string
  /** The `extra` object for the signed payload; defaults to the avatar's signature alone. */
  extra?: (signPayload: string) => Record<string, string>
}

export type Binding = { payload: AnyJson; body: Record<string, unknown>; status: number; json: AnyJson }

/** POST /v1/proof/payload for `spec`; throws unless it answers 200. */
export async function requestPayload(service: TestProofService, spec: BindingSpec): Promise<AnyJson> {
  const { status, json } = await service.call('POST', '/v1/proof/payload', {
    action: spec.action ?? 'create',
    platform: spec.platform,
    identity: spec.identity,
    public_key: publicKeyOf(spec),
  })
  if (status !== 200) throw new Error(`payload answered ${status}: ${JSON.stringify(json)}`)
  return json
}

/** The POST /v1/proof body for a payload answer, signed as `spec` says. */
export function submissionBody(spec: BindingSpec, payload: AnyJson): Record<string, unknown> {
  const avatarKey = spec.avatarKey ?? AVATAR_KEY
  return {
    action: spec.action ?? 'create',
    platform: spec.platform,
    identity: spec.identity,
    public_key: publicKeyOf(spec),
    ...(spec.proofLocation === undefined ? {} : { proof_location: spec.proofLocation }),
    extra: spec.extra ? spec.extra(payload.sign_payload) : { signature: signBase64(payload.sign_payload, avatarKey) },
    uuid: payload.uuid,
    created_at: payload.created_at,
  }
}

/** Payload, signatures, submission: the whole client flow. */
export async function submitBinding(service: TestProofService, spec: BindingSpec): Promise<Binding> {
  const payload = await requestPayload(service, spec)
  const body = submissionBody(spec, payload)
  return { payload, body, ...(await service.call('POST', '/v1/proof', body)) }
}

function publicKeyOf(spec: BindingSpec): string {
  return spec.publicKey ?? avatarId(getPublicKey(spec.avatarKey ?? AVATAR_KEY))
}

/** A configured validator whose platform is never asked: for payload tests of post-based platforms. */
export function payloadOnlyValidator(platform: Platform, resolveIdentity?: Validator['resolveIdentity']): Validator {
  return {
    platform,
    isConfigured: true,
    validate: async () => {
      throw new Error(`${platform} is only here for its payload`)
    },
    ...(resolveIdentity ? { resolveIdentity } : {}),
  }
}

export type StoredBinding = {
  avatar: string
  platform: string
  identity: string
  altId?: string
  location?: string
  /** The link's signed created_at (unix seconds string). */
  createdAt?: string
  /** Server times of the proof row. */
  proofCreatedAt?: Date
  lastCheckedAt?: Date
}

let storedCount = 0

/**
 * Writes a chain link and its proof row straight into the database, for query tests about
 * platforms and identities no validator here can prove. The link is appended after the avatar's
 * head, so the schema's chain rules hold; its signature is placeholder text.
 */
export async function insertBinding(
  db: Database,
  binding: StoredBinding,
): Promise<{ proofId: string; linkId: string }> {
  storedCount += 1
  const [link] = await db.query<{ id: string }>(
    `INSERT INTO proof_chain (avatar, action, platform, identity, alt_id, location, created_at, signature,
       signature_payload, uuid, previous_id)
     VALUES ($1, 'create', $2, $3, $4, $5, $6, $7, '', $8,
       (SELECT max(id) FROM proof_chain WHERE avatar = $1))
     RETURNING id::text AS id`,
    [
      binding.avatar,
      binding.platform,
      binding.identity,
      binding.altId ?? '',
      binding.location ?? '',
      binding.createdAt ?? String(1_700_000_000 + storedCount),
      `placeholder-signature-${storedCount}`,
      `00000000-0000-4000-8000-${String(storedCount).padStart(12, '0')}`,
    ],
  )
  const linkId = (link as { id: string }).id
  const [proof] = await db.query<{ id: string }>(
    `INSERT INTO proof (avatar, platform, identity, alt_id, location, proof_chain_id, created_at, last_checked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
    [
      binding.avatar,
      binding.platform,
      binding.identity,
      binding.altId ?? '',
      binding.location ?? '',
      linkId,
      binding.proofCreatedAt ?? new Date(),
      binding.lastCheckedAt ?? new Date(),
    ],
  )
  return { proofId: (proof as { id: string }).id, linkId }
}
