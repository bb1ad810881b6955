/**
 * The `post_content` of POST /v1/proof/payload: per platform, the text the user publishes, with
 * `%SIG_BASE64%` standing for the avatar's signature (§6.2, literal templates of the reference).
 */
import { avatarId, decodeBase64 } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { parseUnixSecondsString, parseUuid, requirePlainObject, requireString } from '../input.js'
import { quoteGoString } from './go-json.js'
import { normalizeIdentity, type Platform, parsePlatform } from './platforms.js'
import { type ProofAction, parsePrevSignature, parseProofAction } from './proof-fields.js'
import { buildProofSignPayload } from './proof-payload.js'

/** Texts by language key; `default` is always there. */
export type PostContent = { default: string } & Record<string, string>

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
const POWERED_BY = 'Powered by Next.ID - Connect All Digital Identities.'

interface Fields {
  params: PostContentParams
  platform: Platform
  /** As typed (validated): Twitter and Minds show it that way (§6.2). */
  typed: string
  /** As normalised into the sign payload (§5.3). */
  identity: string
  avatar: string
  uuid: string
  createdAt: string
  prev: string | null
}

/** The `post_content` object the reference returns for these request values. */
export function buildPostContent(params: PostContentParams): PostContent {
  const input = requirePlainObject(params, 'params')
  const platform = parsePlatform(input.platform)
  parseProofAction(input.action)
  const fields: Fields = {
    params,
    platform,
    identity: normalizeIdentity(platform, input.identity),
    typed: input.identity as string,
    avatar: avatarId(input.avatar, 'avatar'),
    uuid: parseUuid(input.uuid, 'uuid'),
    createdAt: parseUnixSecondsString(input.createdAt, 'createdAt'),
    prev: parsePrevSignature(input.prev, 'prev'),
  }
  return TEMPLATES[platform](fields)
}

const TEMPLATES: Record<Platform, (fields: Fields) => PostContent> = {
  twitter: ({ typed, uuid, createdAt, prev }) => {
    // Genesis leaves the last slot empty: `Misc: <uuid>|<created_at>|`.
    const misc = `${uuid}|${createdAt}|${prev ?? ''}`
    const english = `🎭 Verify @${typed} with @NextDotID.\nSig: ${SIGNATURE}\nMisc: ${misc}`
    return {
      default: english,
      en_US: english,
      zh_CN: `🎭 由 @NextDotID 验证 @${typed} 。\nSig: ${SIGNATURE}\n其它信息: ${misc}`,
    }
  },
  discord: ({ identity }) => {
    // Discord alone uses `-` in its language keys (§11 #8).
    const english = `Verifying my discord ID: ${identity} on NextID. \nSig: ${SIGNATURE}`
    return { default: english, 'en-US': english, 'zh-CN': `在NextID上认证我的账号： ${identity} \nSig: ${SIGNATURE}` }
  },
  minds: ({ typed, uuid, createdAt, prev }) => ({
    default:
      `🎭 Verifying my Minds ID @${typed} for NextID.\n\nSig: ${SIGNATURE}\nCreatedAt: ${createdAt}\n` +
      `UUID: ${uuid}${prev === null ? '' : `\nPrevious: ${prev}`}\n\n${POWERED_BY}\n`,
  }),
  activitypub: ({ identity, avatar, uuid, createdAt, prev }) => ({
    default:
      `Validate my ActivityPub identity @${identity} for Avatar ${avatar}:\n\nSignature: ${SIGNATURE}\n` +
      `UUID: ${uuid}\nPrevious: ${prev ?? 'null'}\nCreatedAt: ${createdAt}\n\n${POWERED_BY}\n`,
  }),
  dns: ({ uuid, createdAt, prev }) => ({
    default: `ps:true;v:1;sig:${SIGNATURE};ca:${createdAt};uuid:${uuid};prev:${prev ?? 'null'}`,
  }),
  dotbit: () => ({ default: `${PERSONA}:${SIGNATURE}` }),
  steam: ({ uuid, createdAt, prev }) => ({
    default: `NextID proof: ${SIGNATURE}:${createdAt}:${uuid}:${prev ?? 'null'}`,
  }),
  github: (fields) => ({ default: proofDocument(fields, 'Github', 'github_username') }),
  keybase: (fields) => ({ default: proofDocument(fields, 'Keybase', 'keybase_username') }),
  // The binding is proven by signatures in the request, not by a post.
  ethereum: () => ({ default: '' }),
  solana: () => ({ default: '' }),
  nextid: () => ({ default: '' }),
}

// Go's json.MarshalIndent(struct, "", "\t") of the gist / keybase file, fields in struct order.
function proofDocument(fields: Fields, site: string, usernameKey: string): string {
  const entries: [string, string][] = [
    ['version', '1'],
    ['comment', `Here's an NextID proof of this ${site} account.`],
    [
      'comment2',
      'To validate, base64.decode the signature, and recover pubkey from it using sign_payload with ethereum personal_sign algo.',
    ],
    ['persona', fields.avatar],
    [usernameKey, fields.identity],
    ['sign_payload', buildProofSignPayload(fields.params)],
    ['signature', SIGNATURE],
    ['created_at', fields.createdAt],
    ['uuid', fields.uuid],
  ]
  return `{\n${entries.map(([key, value]) => `\t${quoteGoString(key)}: ${quoteGoString(value)}`).join(',\n')}\n}`
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
