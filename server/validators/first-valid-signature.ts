/**
 * For proofs that may appear several times (a .bit account's records, the "NextID proof:" entries
 * of a Steam summary, §6.3): the first candidate that is the avatar's signature over the rebuilt
 * payload proves the binding, as the reference accepts any of them.
 */
import { checkProofSignature } from './proof-signature.js'
import { ProofRejectedError, type ValidationRequest } from './validator.js'

/** The first valid candidate as canonical base64; else the rejection of the last one (`where` names it). */
export function firstValidSignature(request: ValidationRequest, candidates: readonly string[], where: string): string {
  let rejection: unknown
  for (const candidate of candidates) {
    try {
      return checkProofSignature(request, candidate, where)
    } catch (error) {
      if (!(error instanceof ProofRejectedError)) throw error
      rejection = error
    }
  }
  throw rejection ?? new ProofRejectedError(`${where} holds no signature`)
}
