/**
 * ActivityPub bindings (§6.1, §6.3, §15 #21; platforms.md §3.5): the identity `user@server` names
 * the server to ask; the post must be by that server's own account `user` and hold a
 * `Signature: ` line (found after stripping HTML) with the avatar's signature over the rebuilt
 * payload. Servers are reached through ACTIVITYPUB_URL_TEMPLATE (`https://{server}`).
 */
import { InvalidInputError } from '../../src/errors.js'
import { findSignatureLine } from '../../src/protocol/index.js'
import type { PlatformConfig } from '../config.js'
import { type FediversePost, fetchFediversePost } from './activitypub-post.js'
import { checkProofSignature, deleteWithAvatarSignature } from './proof-signature.js'
import { ProofRejectedError, type ValidationRequest, type ValidationResult, type Validator } from './validator.js'

// A DNS name with an optional port: the server part becomes the host of every request.
const HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$/i
// Mastodon ids are decimal, Pleroma's flake ids and Misskey's aid ids alphanumeric.
const POST_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The activitypub validator; always configured (no credential, the URL template has a default). */
export function createActivityPubValidator(config: PlatformConfig['activitypub']): Validator<'activitypub'> {
  return {
    platform: 'activitypub',
    isConfigured: true,
    validate: async (request, context) => {
      // The reference wants a new post signed over the delete payload; the avatar's signature is enough (§15 #11).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      const { username, server } = splitIdentity(request.identity)
      if (!POST_ID.test(request.proofLocation)) {
        throw new InvalidInputError('proof_location', 'expected the id of the status or note')
      }
      const baseUrl = config.urlTemplate.replaceAll('{server}', server)
      const post = await fetchFediversePost(baseUrl, server, request.proofLocation, context)
      return validatePost(request, username, post)
    },
  }
}

function splitIdentity(identity: string): { username: string; server: string } {
  // normalizeIdentity has left exactly one `@` and no leading one (§5.3).
  const at = identity.lastIndexOf('@')
  const server = identity.slice(at + 1).toLowerCase()
  if (at <= 0 || !HOST.test(server)) throw new InvalidInputError('identity', 'expected user@server with a host name')
  return { username: identity.slice(0, at), server }
}

function validatePost(request: ValidationRequest, username: string, post: FediversePost): ValidationResult {
  // The reference compares names only, so a remote account's copy of a post would pass; we need a local author.
  if (post.host !== null || post.username !== username) {
    throw new ProofRejectedError(`post is not sent by this account: expected ${request.identity}`)
  }
  let signature: string
  try {
    signature = findSignatureLine(post.text, 'activitypub')
  } catch {
    throw new ProofRejectedError('post has no "Signature: <signature>" line')
  }
  const linkSignature = checkProofSignature(request, signature, 'the "Signature:" line of the post')
  return { identity: request.identity, altId: post.authorId, linkSignature }
}
