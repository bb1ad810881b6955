/**
 * Verifies a published proof (tweet, gist file, DNS TXT record, …) the way a careful ProofService
 * would, but in the user's own browser: rebuild the payload from the link's fields and check that
 * the signature in the post recovers to the avatar (§6, §15 #10). Posts signed in base1024
 * (§3.5) are reported as not checkable rather than as forged.
 */
import { decodeBase64 } from '../crypto/base64.js'
import { avatarId } from '../crypto/keys.js'
import { verifyPersonalSignature } from '../crypto/personal-sign.js'
import { InvalidInputError } from '../errors.js'
import { requirePlainObject } from '../input.js'
import { parseDnsTxtRecord } from '../protocol/dns-txt-record.js'
import { normalizeIdentity, parsePlatform } from '../protocol/platforms.js'
import { parseProofDocument } from '../protocol/proof-document.js'
import { type ProofAction, parseProofAction } from '../protocol/proof-fields.js'
import { buildProofSignPayload } from '../protocol/proof-payload.js'
import { findSignatureLine, parseDotbitRecord } from '../protocol/proof-post.js'

export type ProofPostToVerify = {
  platform: string
  identity: string
  /** The avatar public key in any accepted form. */
  avatar: string | Uint8Array
  action?: ProofAction
  uuid: string
  createdAt: string
  /** The previous link's signature (base64) when this proof was made, or null for the first link. */
  prev: string | null
  /** The post text, the gist/keybase file, the dotbit record value, or a DNS TXT record's strings. */
  post: string | string[]
}

export type ProofPostVerification = {
  valid: boolean
  /** Why the post does not prove the binding, in words; `""` when it does. */
  reason: string
  /** The payload the post's signature must cover. */
  signedText: string
}

/** Checks that a published proof carries the avatar's signature over the rebuilt payload. */
export function verifyProofPost(params: ProofPostToVerify): ProofPostVerification {
  const input = requirePlainObject(params, 'params')
  const platform = parsePlatform(input.platform)
  const signedText = buildProofSignPayload({
    action: parseProofAction(input.action ?? 'create'),
    platform,
    identity: input.identity as string,
    avatar: input.avatar as string,
    uuid: input.uuid as string,
    createdAt: input.createdAt as string,
    prev: input.prev as string | null,
  })
  const avatar = avatarId(input.avatar, 'avatar')
  const result = (valid: boolean, reason: string) => ({ valid, reason, signedText })

  let found: { signature: string; problem?: string }
  try {
    found = findPostSignature(platform, input.post, avatar, normalizeIdentity(platform, input.identity), input.uuid)
  } catch (error) {
    if (error instanceof InvalidInputError) return result(false, `the post is not a valid proof: ${error.message}`)
    throw error
  }
  if (found.problem) return result(false, found.problem)
  let signature: Uint8Array
  try {
    signature = decodeBase64(found.signature, 'signature')
  } catch {
    return result(false, 'the signature in the post is not base64 (base1024 posts cannot be checked here)')
  }
  if (signature.length !== 65) return result(false, `the signature in the post has ${signature.length} bytes, not 65`)
  try {
    if (verifyPersonalSignature(signedText, signature, avatar)) return result(true, '')
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
  }
  return result(false, 'the signature in the post is not this avatar’s signature over this binding')
}

function findPostSignature(
  platform: string,
  post: unknown,
  avatar: string,
  identity: string,
  uuid: unknown,
): { signature: string; problem?: string } {
  switch (platform) {
    case 'github':
    case 'keybase': {
      const document = parseProofDocument(post, platform)
      if (document.persona !== avatar) return { signature: '', problem: 'the proof file names another avatar' }
      if (document.username.toLowerCase() !== identity) {
        return { signature: '', problem: `the proof file is for ${platform} user ${document.username}` }
      }
      return { signature: document.signature }
    }
    case 'dns': {
      const record = parseDnsTxtRecord(post)
      if (record.uuid !== String(uuid).toLowerCase())
        return { signature: '', problem: 'the TXT record is for another proof' }
      return { signature: record.signature }
    }
    case 'dotbit': {
      const record = parseDotbitRecord(post)
      if (record.persona !== avatar) return { signature: '', problem: 'the .bit record names another avatar' }
      return { signature: record.signature }
    }
    default:
      return { signature: findSignatureLine(post, platform) }
  }
}
