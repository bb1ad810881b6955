/**
 * The `post_content` of POST /v1/proof/payload: per platform, the text the user publishes, with
 * `%SIG_BASE64%` standing for the avatar's signature (§6.2, literal templates of the reference).
 */
import { avatarId, decodeBase64 } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { parseUnixSecondsString, parseUuid, requirePlainObject, requireString } from '../input.js'
import {
  normalizeIdentity,
  PLATFORM_SPECS,
  type Platform,
  type PostContent,
  parsePlatform,
} from '../platforms/index.js'
import { type ProofAction, parsePrevSignature, parseProofAction } from './proof-fields.js'
import { buildProofSignPayload } from './proof-payload.js'

export type { PostContent }

export interface PostContentParams {
  /** Only GitHub and Keybase embed the sign payload, which depends on it. */
  action: ProofAction
  platform: Platform
  identity: string
  avatar: string | Uint8Array
  uuid: string
  createdAt: string
  prev: string | null
}

const SIGNATURE = '%SIG_BASE64%'
const PERSONA = '%COMPRESSED_PERSONA_PUBKEY_HEX%'

/** The `post_content` object the reference returns for these request values (the platform's template). */
export function buildPostContent(params: PostContentParams): PostContent {
  const input = requirePlainObject(params, 'params')
  const platform = parsePlatform(input.platform)
  parseProofAction(input.action)
  const post = PLATFORM_SPECS[platform].post
  const fields = {
    typed: input.identity as string,
    identity: normalizeIdentity(platform, input.identity),
    avatar: avatarId(input.avatar, 'avatar'),
    uuid: parseUuid(input.uuid, 'uuid'),
    createdAt: parseUnixSecondsString(input.createdAt, 'createdAt'),
    prev: parsePrevSignature(input.prev, 'prev'),
  }
  // The binding is proven by signatures in the request, not by a post.
  if (post === null) return { default: '' }
  return post.template({ ...fields, signPayload: buildProofSignPayload(params) })
}

/**
 * Picks the text for a browser language (`zh-CN`, `en-US`, `zh`) as Mask does: `-` becomes `_`,
 * then the `-` form is tried too (Discord's keys), then `default`.
 */
export function choosePostContent(postContent: unknown, language: unknown): string {
  const content = requirePlainObject(postContent, 'postContent')
  const tag = requireString(language, 'language')
  for (const key of [tag.replaceAll('-', '_'), tag.replaceAll('_', '-')]) {
    const text = Object.hasOwn(content, key) ? content[key] : undefined
    if (typeof text === 'string') return text
  }
  if (typeof content.default !== 'string') throw new InvalidInputError('postContent', 'has no "default" text')
  return content.default
}

/**
 * Puts the signature (standard base64 of 65 bytes) into a post text; dotbit also needs the avatar
 * for `%COMPRESSED_PERSONA_PUBKEY_HEX%`, which becomes `0x` + compressed hex (§6.2).
 */
export function fillSignature(text: unknown, signatureBase64: unknown, avatar?: unknown): string {
  const template = requireString(text, 'text')
  const bytes = decodeBase64(signatureBase64, 'signature')
  if (bytes.length !== 65)
    throw new InvalidInputError('signature', `expected base64 of 65 bytes, got ${bytes.length} bytes`)
  const filled = template.split(SIGNATURE).join(signatureBase64 as string)
  if (!filled.includes(PERSONA)) return filled
  if (avatar === undefined) throw new InvalidInputError('avatar', `is needed to fill ${PERSONA}`)
  return filled.split(PERSONA).join(avatarId(avatar, 'avatar'))
}
