/**
 * Twitter bindings (§6.1, §6.3; platforms.md §3.1): one Twitter API v2 lookup of the tweet with its
 * author expanded; the author's username must be the identity and the tweet's first `Sig: ` line the
 * avatar's signature over the rebuilt payload. Unlike the reference, revalidation works too (§15 #8),
 * so a transient API failure must never read as "not proven".
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

const LABEL = 'twitter'
const TWEET_ID = /^[0-9]{1,19}$/

type Tweet = { text: string; authorId: string; username: string }

/** The twitter validator; not configured without a bearer token. */
export function createTwitterValidator(config: PlatformConfig['twitter']): Validator<'twitter'> {
  const token = config.bearerToken ?? ''
  return {
    platform: 'twitter',
    isConfigured: token !== '',
    requiredSetting: 'TWITTER_BEARER_TOKEN',
    validate: async (request, context) => {
      // Delete proves itself with the avatar's signature; the tweet may be long gone (§7.2).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      if (token === '') throw new PlatformUnavailableError('twitter is not configured on this server')
      return validateTweet(request, await fetchTweet(config.apiUrl, token, tweetId(request), context))
    },
  }
}

function tweetId(request: ValidationRequest): string {
  if (!TWEET_ID.test(request.proofLocation)) {
    throw new InvalidInputError('proof_location', 'expected a tweet id (decimal digits)')
  }
  return request.proofLocation
}

function validateTweet(request: ValidationRequest, tweet: Tweet): ValidationResult {
  if (tweet.username.toLowerCase() !== request.identity) {
    throw new ProofRejectedError(
      `tweet is not sent by this account: expected @${request.identity}, got @${tweet.username}`,
    )
  }
  let signature: string
  try {
    signature = findSignatureLine(tweet.text, 'twitter')
  } catch {
    throw new ProofRejectedError('tweet has no "Sig: <signature>" line')
  }
  const linkSignature = checkProofSignature(request, signature, 'the "Sig:" line of the tweet')
  return { identity: request.identity, altId: tweet.authorId, linkSignature }
}

async function fetchTweet(apiUrl: string, token: string, id: string, context: ValidatorContext): Promise<Tweet> {
  const url = `${apiUrl}/2/tweets/${id}?expansions=author_id&user.fields=username`
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' }
  const response = await fetchPlatform(context, LABEL, url, { headers })
  if (response.status !== 200) throw unexpectedStatus(LABEL, response)
  const body = asJsonObject(await readPlatformJson(response, LABEL, context))
  const data = asJsonObject(body?.data)
  if (!data) throw missingTweet(id, body?.errors)
  const text = data.text
  const authorId = data.author_id
  if (typeof text !== 'string' || typeof authorId !== 'string') throw malformed('a tweet without text or author_id')
  const includes = asJsonObject(body?.includes)
  const users = Array.isArray(includes?.users) ? includes.users : []
  const author = users.map(asJsonObject).find((user) => user?.id === authorId)
  if (typeof author?.username !== 'string') throw malformed('a tweet without its author in includes.users')
  return { text, authorId, username: author.username }
}

// A 200 without `data` carries the reason in `errors` (platforms.md §3.1).
function missingTweet(id: string, errors: unknown): Error {
  const first = Array.isArray(errors) ? asJsonObject(errors[0]) : undefined
  const type = typeof first?.type === 'string' ? first.type : ''
  if (first?.title === 'Not Found Error' || type.endsWith('/resource-not-found')) {
    return new ProofRejectedError(`tweet not found: ${id}`)
  }
  if (first?.title === 'Authorization Error' || type.endsWith('/not-authorized-for-resource')) {
    return new ProofRejectedError(`tweet cannot be read: ${id} (protected or suspended account)`)
  }
  return malformed(`no tweet and ${typeof first?.title === 'string' ? `the error "${first.title}"` : 'no known error'}`)
}

function malformed(what: string): PlatformUnavailableError {
  return new PlatformUnavailableError(`twitter answered ${what}`)
}
