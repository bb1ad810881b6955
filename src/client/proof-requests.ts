/**
 * Checks the arguments of each ProofService method and builds the exact query or JSON body the
 * reference server reads (§4). Runs before any request, so bad input never reaches the network.
 */
import { decodeBase58, decodeBase64 } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import {
  describeValue,
  requireInteger,
  requireNonEmptyString,
  requireOneOf,
  requirePlainObject,
  requireString,
} from '../input.js'
import { normalizeIdentity, type Platform, parsePlatform } from '../protocol/platforms.js'
import { type ProofAction, parsePrevSignature, parseProofAction } from '../protocol/proof-fields.js'
import {
  optionalPage,
  type PublicKeyInput,
  requireAvatarId,
  requireParams,
  requireSignatureBase64,
  requireText,
} from './client-input.js'
import { requireBoolean, requireUnixSecondsText, requireUuidText } from './field-guards.js'

/** Arguments of `POST /v1/proof/payload` (§4.4). */
export type CreateProofPayloadParams = {
  action: ProofAction
  platform: Platform
  /** Normalised before sending as the payload will carry it (§5.3, §10): e.g. twitter lowercased. */
  identity: string
  publicKey: PublicKeyInput
}

/** Arguments of `POST /v1/proof` (§4.5). */
export type SubmitProofParams = CreateProofPayloadParams & {
  /** Where the proof post lives (§6.1); omitted for ethereum and solana. */
  proofLocation?: string
  /** Exactly as `createPayload` returned it. */
  uuid: string
  /** Exactly as `createPayload` returned it: a string (§4.5). */
  createdAt: string
  /**
   * The avatar's 65-byte personal_sign over `signPayload`, sent as `extra.signature` (§1.1). Required,
   * except for an ethereum or solana delete proven by `walletSignature` alone (§6.4 delete (a)).
   */
  signature?: Uint8Array
  /** ethereum: base64 of the wallet's 65-byte signature (§6.4); solana: base58 of 64 bytes (§6.5). */
  walletSignature?: string
  /** Further `extra` fields, e.g. `target_signature` for nextid (§3.5). */
  extra?: Record<string, string>
}

/** Columns `GET /v1/proof` can sort by (§4.6). */
export const PROOF_SORTS = [
  'id',
  'created_at',
  'last_checked_at',
  'proof_chain_id',
  'platform',
  'identity',
  'alt_id',
  'activated_at',
] as const

/** Arguments of `GET /v1/proof` (§4.6). */
export type ProofQuery = {
  /** One identity or several; with platform `nextid`, avatars in any key form. */
  identity: string | readonly string[]
  platform?: Platform
  page?: number
  /** Exact match instead of a substring search; default true (§10). */
  exact?: boolean
  sort?: (typeof PROOF_SORTS)[number]
  order?: 'asc' | 'desc'
}

/** Arguments of `GET /v1/proof/exists` (§4.7). */
export type ProofExistsParams = { platform: Platform; identity: string; publicKey: PublicKeyInput }

/** Arguments of `GET /v1/proofchain` (§4.8). */
export type ProofChainParams = { avatar: PublicKeyInput; page?: number }

/** Arguments of `GET /v1/proofchain/changes` (§4.9). */
export type ProofChainChangesParams = {
  /** Entries with a larger id come back; 0 starts from the beginning. */
  lastId: number
  /** 1..100; the server's default is 10. */
  count?: number
}

/** `POST /v1/proof/restore_pubkey` form (a): the signed payload's parts and the signature (§4.10). */
export type RestoreFromSignatureParams = {
  action: ProofAction
  platform: Platform
  identity: string
  uuid: string
  createdAt: string
  /** The payload's `prev`: base64 of the previous 65-byte link signature, or null for genesis. */
  previous: string | null
  signature: Uint8Array
}

/** `POST /v1/proof/restore_pubkey` form (b): a whole tweet text; twitter only (§4.10). */
export type RestoreFromPostParams = {
  action: ProofAction
  platform: 'twitter'
  identity: string
  proofPost: string
}

type Body = Record<string, unknown>
type Query = [string, string][]

/** Body of `POST /v1/proof/payload`. */
export function buildProofPayloadBody(params: CreateProofPayloadParams): Body {
  const input = requireParams(params)
  const platform = parsePlatform(input.platform)
  return {
    action: parseProofAction(input.action),
    platform,
    identity: normalizeIdentity(platform, input.identity),
    public_key: requireAvatarId(input.publicKey, 'publicKey'),
  }
}

/** Body of `POST /v1/proof`; `created_at` stays a string and `extra.signature` is always set (§1.1). */
export function buildProofSubmitBody(params: SubmitProofParams): Body {
  const input = requireParams(params)
  const { action, platform, identity, public_key } = buildProofPayloadBody(params)
  const proofLocation =
    input.proofLocation === undefined ? undefined : requireNonEmptyString(input.proofLocation, 'proofLocation')
  const uuid = requireUuidText(input.uuid, 'uuid')
  const createdAt = requireUnixSecondsText(input.createdAt, 'createdAt')
  const extra = buildExtra(input, platform as Platform)
  return {
    action,
    platform,
    identity,
    public_key,
    ...(proofLocation === undefined ? {} : { proof_location: proofLocation }),
    extra,
    uuid,
    created_at: createdAt,
  }
}

function buildExtra(input: Record<string, unknown>, platform: Platform): Record<string, string> {
  const further = input.extra === undefined ? {} : requirePlainObject(input.extra, 'extra')
  const entries = Object.entries(further).map(([key, value]): [string, string] => {
    if (key === 'signature' || key === 'wallet_signature') {
      throw new InvalidInputError(
        `extra.${key}`,
        'is set from "signature"/"walletSignature"; do not pass it in "extra"',
      )
    }
    return [key, requireString(value, `extra.${key}`)]
  })
  // Only the bound wallet revoking its own binding may leave the avatar's signature out (§6.4, §6.5).
  const walletRevokes = input.action === 'delete' && input.walletSignature !== undefined
  if (input.signature !== undefined || !walletRevokes)
    entries.push(['signature', requireSignatureBase64(input.signature)])
  if (input.walletSignature !== undefined) {
    entries.push(['wallet_signature', requireWalletSignature(input.walletSignature, platform)])
  }
  // fromEntries defines own properties, so even a "__proto__" key stays plain data.
  return Object.fromEntries(entries)
}

/** The wallet signature in the encoding its platform's validator decodes (§3.5). */
function requireWalletSignature(value: unknown, platform: Platform): string {
  const field = 'walletSignature'
  if (platform === 'ethereum') decodeBase64ToLength(value, field, 65)
  else if (platform === 'solana') decodeBase58(value, field, 64)
  else throw new InvalidInputError(field, `is only used by ethereum and solana, not ${platform}`)
  return value as string
}

function decodeBase64ToLength(value: unknown, field: string, length: number): Uint8Array {
  const bytes = decodeBase64(value, field)
  if (bytes.length !== length) throw new InvalidInputError(field, `expected ${length} bytes, got ${bytes.length}`)
  return bytes
}

/** Query of `GET /v1/proof`; nextid identities are normalised to `0x` + compressed (§4.6). */
export function buildProofQuery(params: ProofQuery): Query {
  const input = requireParams(params)
  const platform = input.platform === undefined ? undefined : parsePlatform(input.platform)
  const identities = requireIdentityList(input.identity).map((identity, index) =>
    platform === 'nextid' ? requireAvatarId(identity, identityField(input.identity, index)) : identity,
  )
  const page = optionalPage(input.page)
  const exact = input.exact === undefined ? true : requireBoolean(input.exact, 'exact')
  const query: Query = [['identity', identities.join(',')]]
  if (platform !== undefined) query.push(['platform', platform])
  if (page !== undefined) query.push(['page', String(page)])
  query.push(['exact', String(exact)])
  if (input.sort !== undefined) query.push(['sort', requireOneOf(input.sort, 'sort', PROOF_SORTS)])
  if (input.order !== undefined) query.push(['order', requireOneOf(input.order, 'order', ['asc', 'desc'])])
  return query
}

/** The server splits `identity` on commas, so an identity cannot contain one (§4.6). */
function requireIdentityList(value: unknown): string[] {
  if (typeof value === 'string') return [requireIdentityItem(value, 'identity')]
  if (!Array.isArray(value)) {
    throw new InvalidInputError('identity', `expected string or array of strings, got ${describeValue(value)}`)
  }
  if (value.length === 0) throw new InvalidInputError('identity', 'expected at least one identity')
  return value.map((item, index) => requireIdentityItem(item, `identity[${index}]`))
}

function requireIdentityItem(value: unknown, field: string): string {
  const identity = requireText(value, field)
  if (identity.includes(',')) throw new InvalidInputError(field, 'must not contain a comma')
  return identity
}

function identityField(identity: unknown, index: number): string {
  return Array.isArray(identity) ? `identity[${index}]` : 'identity'
}

/** Query of `GET /v1/proof/exists`. */
export function buildProofExistsQuery(params: ProofExistsParams): Query {
  const input = requireParams(params)
  const platform = parsePlatform(input.platform)
  return [
    ['platform', platform],
    ['identity', normalizeIdentity(platform, input.identity)],
    ['public_key', requireAvatarId(input.publicKey, 'publicKey')],
  ]
}

/** Query of `GET /v1/proofchain`; the avatar must be `0x` + compressed, compared verbatim (§4.8). */
export function buildProofChainQuery(params: ProofChainParams): Query {
  const input = requireParams(params)
  const query: Query = [['avatar', requireAvatarId(input.avatar, 'avatar')]]
  const page = optionalPage(input.page)
  if (page !== undefined) query.push(['page', String(page)])
  return query
}

/** Query of `GET /v1/proofchain/changes` (§4.9: the cursor is `last_id`). */
export function buildProofChainChangesQuery(params: ProofChainChangesParams): Query {
  const input = requireParams(params)
  const query: Query = [['last_id', String(requireInteger(input.lastId, 'lastId', 0, Number.MAX_SAFE_INTEGER))]]
  if (input.count !== undefined) query.push(['count', String(requireInteger(input.count, 'count', 1, 100))])
  return query
}

/** Body of `POST /v1/proof/restore_pubkey`, in form (b) when `proofPost` is given (§4.10). */
export function buildRestoreBody(params: RestoreFromSignatureParams | RestoreFromPostParams): Body {
  const input = requireParams(params)
  const action = parseProofAction(input.action)
  if (input.proofPost !== undefined) {
    const platform = requireOneOf(input.platform, 'platform', ['twitter'])
    return {
      action,
      platform,
      identity: normalizeIdentity(platform, input.identity),
      proof_post: requireText(input.proofPost, 'proofPost'),
    }
  }
  const platform = parsePlatform(input.platform)
  return {
    action,
    platform,
    identity: normalizeIdentity(platform, input.identity),
    uuid: requireUuidText(input.uuid, 'uuid'),
    created_at: requireUnixSecondsText(input.createdAt, 'createdAt'),
    previous: requirePrevious(input.previous),
    signature: requireSignatureBase64(input.signature),
  }
}

/** `previous` is the base64 text of a 65-byte signature, or empty for genesis (§4.10). */
function requirePrevious(value: unknown): string {
  return value === '' ? '' : (parsePrevSignature(value, 'previous') ?? '')
}
