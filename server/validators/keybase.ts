/**
 * Keybase bindings (§6.1, §6.2; platforms.md §3.4): the public file
 * `https://<username>.keybase.pub/NextID/0x<compressed avatar>.json` must name the avatar and carry
 * its signature over the rebuilt payload. keybase.pub shut down in 2023, so against the real
 * service every create is "unavailable"; the validator stays for self-hosted mirrors and old chains.
 */
import { InvalidInputError } from '../../src/errors.js'
import { parseProofDocument } from '../../src/protocol/index.js'
import type { PlatformConfig } from '../config.js'
import { fetchPlatform, readPlatformText, unexpectedStatus } from './platform-fetch.js'
import { checkProofSignature, deleteWithAvatarSignature } from './proof-signature.js'
import { ProofRejectedError, type ValidationRequest, type ValidationResult, type Validator } from './validator.js'

const LABEL = 'keybase'
// Keybase user names: letters, digits and `_`, at most 16 (they become a host name).
const USERNAME = /^[a-z0-9_]{1,16}$/

/** The keybase validator; always configured (KEYBASE_URL_TEMPLATE has a default). */
export function createKeybaseValidator(config: PlatformConfig['keybase']): Validator<'keybase'> {
  return {
    platform: 'keybase',
    isConfigured: true,
    validate: async (request, context) => {
      // The reference wants a new file signed over the delete payload; the avatar's signature is enough (§15 #11).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      const path = `NextID/${request.avatar}.json`
      const url = `${config.urlTemplate.replaceAll('{username}', username(request))}/${path}`
      const response = await fetchPlatform(context, LABEL, url)
      if (response.status === 404)
        throw new ProofRejectedError(`keybase file not found: ${path} of ${request.identity}`)
      if (response.status !== 200) throw unexpectedStatus(LABEL, response)
      return validateFile(request, path, await readPlatformText(response, LABEL, context))
    },
  }
}

function username(request: ValidationRequest): string {
  if (!USERNAME.test(request.identity)) {
    throw new InvalidInputError('identity', 'expected a Keybase username (letters, digits and _, at most 16)')
  }
  return request.identity
}

function validateFile(request: ValidationRequest, path: string, text: string): ValidationResult {
  let signature: string
  try {
    const document = parseProofDocument(text, 'keybase')
    if (document.persona !== request.avatar) {
      throw new ProofRejectedError(`keybase file ${path} is for another avatar: ${document.persona}`)
    }
    signature = document.signature
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    throw new ProofRejectedError(`keybase file ${path} is not a Next.ID proof: ${error.message}`)
  }
  const linkSignature = checkProofSignature(request, signature, `the signature in keybase file ${path}`)
  return { identity: request.identity, altId: request.identity, linkSignature }
}
