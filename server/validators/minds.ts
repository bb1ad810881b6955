/**
 * Minds bindings (§6.1, §6.3; platforms.md §3.6): the activity the proof location names must be
 * posted by the identity (usernames compared lowercased) and carry a `Sig: ` line with the avatar's
 * signature over the rebuilt payload. Minds answers a missing post with an empty `entities` list.
 */
import { InvalidInputError } from '../../src/errors.js'
import { findSignatureLine } from '../../src/protocol/index.js'
import type { PlatformConfig } from '../config.js'
import { asJsonObject, fetchPlatform, readPlatformJson, unexpectedStatus } from './platform-fetch.js'
import { checkProofSignature, deleteWithAvatarSignature } from './proof-signature.js'
import {
  PlatformUnavailableError,
  ProofRejectedError,
  type ValidationRequest,
  type ValidationResult,
  type Validator,
  type ValidatorContext,
} from './validator.js'

const LABEL = 'minds'
const POST_ID = /^[0-9]{1,20}$/

type Activity = { message: string; ownerGuid: string; username: string }

/** The minds validator; always configured (MINDS_API_URL has a default, no credential needed). */
export function createMindsValidator(config: PlatformConfig['minds']): Validator<'minds'> {
  return {
    platform: 'minds',
    isConfigured: true,
    validate: async (request, context) => {
      // The reference wants a new post signed over the delete payload; the avatar's signature is enough (§15 #11).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      if (!POST_ID.test(request.proofLocation)) {
        throw new InvalidInputError(
          'proof_location',
          'expected a Minds post id (the number in minds.com/newsfeed/<id>)',
        )
      }
      return validateActivity(request, await fetchActivity(config.apiUrl, request.proofLocation, context))
    },
  }
}

function validateActivity(request: ValidationRequest, activity: Activity): ValidationResult {
  // The payload carries the username lowercased (§5.3), Minds keeps its original case.
  if (activity.username.toLowerCase() !== request.identity) {
    throw new ProofRejectedError(
      `minds post is not sent by this account: expected @${request.identity}, got @${activity.username}`,
    )
  }
  let signature: string
  try {
    signature = findSignatureLine(activity.message, 'minds')
  } catch {
    throw new ProofRejectedError('minds post has no "Sig: <signature>" line')
  }
  const linkSignature = checkProofSignature(request, signature, 'the "Sig:" line of the minds post')
  return { identity: request.identity, altId: activity.ownerGuid, linkSignature }
}

async function fetchActivity(apiUrl: string, id: string, context: ValidatorContext): Promise<Activity> {
  const url = `${apiUrl}/api/v2/entities/?urns=urn%3Aactivity%3A${id}&as_activities=0&export_user_counts=false`
  const response = await fetchPlatform(context, LABEL, url, { headers: { accept: 'application/json' } })
  if (response.status !== 200) throw unexpectedStatus(LABEL, response)
  const body = asJsonObject(await readPlatformJson(response, LABEL, context))
  if (!Array.isArray(body?.entities)) throw new PlatformUnavailableError('minds answered without an entities list')
  const entity = asJsonObject(body.entities[0])
  if (!entity) throw new ProofRejectedError(`minds post not found: ${id}`)
  const owner = asJsonObject(entity.ownerObj)
  const { message } = entity
  if (typeof message !== 'string' || typeof owner?.guid !== 'string' || typeof owner.username !== 'string') {
    throw new PlatformUnavailableError('minds answered a post without message or owner')
  }
  return { message, ownerGuid: owner.guid, username: owner.username }
}
