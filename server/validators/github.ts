/**
 * GitHub bindings (§6.1; platforms.md §3.2): the gist's owner must be the identity (compared
 * case-insensitively, §15 #9) and its file `0x<compressed avatar>.json` a proof document naming the
 * avatar and signed over the SERVER-REBUILT payload (§15 #10) — the reference checks the file
 * against its own payload, so an old gist validated any later request.
 */
import { encodeBase64 } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { parseProofDocument } from '../../src/protocol/index.js'
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

const LABEL = 'github'
// Current gist ids are 20 or 32 hex digits; the oldest ones are decimal.
const GIST_ID = /^[0-9a-f]{1,64}$/i

type Gist = { login: string; ownerId: string; files: Record<string, unknown> }

/** The github validator; always configured (the token only raises the rate limit). */
export function createGithubValidator(config: PlatformConfig['github']): Validator<'github'> {
  return {
    platform: 'github',
    isConfigured: true,
    validate: async (request, context) => {
      // The reference re-checks the gist on delete; we ask for the avatar's signature instead (§15 #10, #11).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      return validateGist(request, await fetchGist(config, gistId(request), context))
    },
  }
}

function gistId(request: ValidationRequest): string {
  if (!GIST_ID.test(request.proofLocation))
    throw new InvalidInputError('proof_location', 'expected a gist id (hex digits)')
  return request.proofLocation
}

function validateGist(request: ValidationRequest, gist: Gist): ValidationResult {
  if (gist.login.toLowerCase() !== request.identity) {
    throw new ProofRejectedError(`gist owner mismatch: should be ${request.identity}, but got ${gist.login}`)
  }
  const name = `${request.avatar}.json`
  const file = Object.hasOwn(gist.files, name) ? asJsonObject(gist.files[name]) : undefined
  if (!file) throw new ProofRejectedError(`gist has no file ${name}`)
  // A proof file is ~700 bytes; only a hostile gist is cut short, and a cut file proves nothing.
  if (file.truncated !== false) throw new ProofRejectedError(`gist file ${name} is truncated`)
  let signature: string
  try {
    const document = parseProofDocument(file.content, 'github')
    if (document.persona !== request.avatar) {
      throw new ProofRejectedError(`gist file ${name} is for another avatar: ${document.persona}`)
    }
    signature = document.signature
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    throw new ProofRejectedError(`gist file ${name} is not a Next.ID proof: ${error.message}`)
  }
  const fileSignature = checkProofSignature(request, signature, `the signature in gist file ${name}`)
  // GitHub keeps the avatar's own signature on the link (§4.5); both sign the same payload.
  const linkSignature = request.avatarSignature ? encodeBase64(request.avatarSignature) : fileSignature
  return { identity: request.identity, altId: gist.ownerId, linkSignature }
}

async function fetchGist(config: PlatformConfig['github'], id: string, context: ValidatorContext): Promise<Gist> {
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    // GitHub refuses requests without a User-Agent.
    'user-agent': 'nextid-companion-proof-service',
  }
  if (config.token) headers.authorization = `Bearer ${config.token}`
  const response = await fetchPlatform(context, LABEL, `${config.apiUrl}/gists/${id}`, { headers })
  if (response.status === 404) throw new ProofRejectedError(`gist not found: ${id}`)
  if ((response.status === 403 || response.status === 429) && isRateLimited(response)) {
    throw new PlatformUnavailableError('github rate limit exceeded; try again later')
  }
  if (response.status !== 200) throw unexpectedStatus(LABEL, response)
  const body = asJsonObject(await readPlatformJson(response, LABEL, context))
  const files = asJsonObject(body?.files)
  if (!body || !files) throw new PlatformUnavailableError('github answered a gist without files')
  const owner = asJsonObject(body.owner)
  // An anonymous gist (from before 2018) has no owner, so it cannot prove an account.
  if (!owner) throw new ProofRejectedError(`gist has no owner: ${id}`)
  if (typeof owner.login !== 'string' || !Number.isSafeInteger(owner.id)) {
    throw new PlatformUnavailableError('github answered a gist owner without login or id')
  }
  return { login: owner.login, ownerId: String(owner.id), files }
}

// Primary limit: remaining 0; secondary limit: a retry-after (platforms.md §3.2).
function isRateLimited(response: Response): boolean {
  return response.headers.get('x-ratelimit-remaining') === '0' || response.headers.has('retry-after')
}
