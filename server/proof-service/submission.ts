/**
 * The body of POST /v1/proof (§4.5), bound as the reference's Go struct binds it and checked in
 * its order: required fields, key, created_at, uuid, then platform, action and identity.
 */
import { type ProofAction, parseProofAction } from '../../src/protocol/index.js'
import type { SignerKey } from '../crypto/signer-keys.js'
import { HttpError } from '../http/http-error.js'
import {
  parseAvatarSignerKey,
  parseRequestCreatedAt,
  parseRequestUuid,
  readStringField,
  requireBodyObject,
} from './request-fields.js'

export type Submission = {
  action: ProofAction
  /** As sent; resolved against the validators by the route. */
  platform: string
  /** As sent; normalised by the route (§5.3). */
  identity: string
  /** `0x` + compressed lowercase hex. */
  avatar: string
  /** The same key decoded once, for the payload builder and the signature check. */
  avatarKey: SignerKey
  proofLocation: string
  /** Lowercase canonical (§4.5). */
  uuid: string
  /** Canonical decimal unix seconds. */
  createdAt: string
  /** `extra.signature` (base64) and `extra.wallet_signature`, `""` when absent. */
  signature: string
  walletSignature: string
}

/** Reads and checks the fields of a submission; every fault is a 400 with the reference's wording. */
export function readSubmission(value: unknown): Submission {
  const body = requireBodyObject(value)
  const field = (name: string) => readStringField(body, name)
  const [action, platform, identity, publicKey] = [
    field('action'),
    field('platform'),
    field('identity'),
    field('public_key'),
  ]
  const extra = readExtra(body)
  const proofLocation = field('proof_location')
  const createdAt = field('created_at')
  const uuid = field('uuid')
  if (!action || !platform || !identity || !publicKey) throw new HttpError(400, 'param invalid')
  const avatarKey = parseAvatarSignerKey(publicKey)
  return {
    avatar: avatarKey.id,
    avatarKey,
    createdAt: parseRequestCreatedAt(createdAt),
    uuid: parseRequestUuid(uuid),
    platform,
    action: parseProofAction(action),
    identity,
    proofLocation,
    signature: readStringField(extra, 'signature', 'extra.signature'),
    walletSignature: readStringField(extra, 'wallet_signature', 'extra.wallet_signature'),
  }
}

function readExtra(body: Record<string, unknown>): Record<string, unknown> {
  const extra = Object.hasOwn(body, 'extra') ? body.extra : undefined
  if (extra === undefined || extra === null) return {}
  if (typeof extra !== 'object' || Array.isArray(extra)) {
    throw new HttpError(400, 'when parsing body: "extra" expected an object')
  }
  return extra as Record<string, unknown>
}
