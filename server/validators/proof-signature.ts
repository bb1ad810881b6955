/**
 * The signature checks the post-based validators share: a proof's signature must be the avatar's
 * personal_sign over the payload the SERVER rebuilt (§4.5 step 3, §15 #10), and a delete needs only
 * the avatar's `extra.signature` (§7.2, §15 #11).
 */
import { decodeBase64, encodeBase64 } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { isSignedBy, parseSignerKey } from '../crypto/signer-keys.js'
import { ProofRejectedError, type ValidationRequest, type ValidationResult } from './validator.js'

/**
 * Checks the signature found in a published proof (`where` names it in the message) and returns
 * it re-encoded as canonical base64, the form the chain link keeps (§3.5).
 */
export function checkProofSignature(request: ValidationRequest, signature: string, where: string): string {
  let bytes: Uint8Array
  try {
    bytes = decodeBase64(signature, 'signature')
  } catch {
    // base1024 posts (§3.5) are not supported: src has no faithful port of the reference's decoder.
    throw new ProofRejectedError(`bad signature: ${where} is not standard base64`)
  }
  if (bytes.length !== 65) {
    throw new ProofRejectedError(`bad signature: ${where} has ${bytes.length} bytes instead of 65`)
  }
  let valid: boolean
  try {
    valid = isSignedBy(request.signPayload, bytes, parseSignerKey(request.avatar))
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    valid = false
  }
  if (!valid) throw new ProofRejectedError(`bad signature: ${where} is not this avatar's signature over the payload`)
  return encodeBase64(bytes)
}

/** A delete proven by the avatar's `extra.signature` alone, without asking the platform. */
export function deleteWithAvatarSignature(request: ValidationRequest): ValidationResult {
  if (!request.avatarSignature) throw new ProofRejectedError('extra.signature not found')
  // The proof service has verified it already; checking again keeps this module safe on its own.
  const signature = checkProofSignature(request, encodeBase64(request.avatarSignature), 'extra.signature')
  return { identity: request.identity, altId: '', linkSignature: signature }
}
