/** Guards for the fields shared by ProofService payloads, post contents and published proofs (§4.4, §5.1). */
import { decodeBase64 } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { requireOneOf } from '../input.js'

export type ProofAction = 'create' | 'delete'

/** `create` or `delete`; the reference puts any text in the payload, we accept only these two. */
export function parseProofAction(value: unknown, field = 'action'): ProofAction {
  return requireOneOf(value, field, ['create', 'delete'] as const)
}

/**
 * `prev`: the base64 of the avatar's latest chain-link signature (65 bytes), or null for the first
 * link. Returned as given, since it is signed as text. A Solana wallet revoking its binding leaves
 * its 64-byte ed25519 signature as the link's (§6.5), so 64 bytes are accepted too.
 */
export function parsePrevSignature(value: unknown, field = 'prev'): string | null {
  if (value === null) return null
  const bytes = decodeBase64(value, field)
  if (bytes.length !== 65 && bytes.length !== 64) {
    throw new InvalidInputError(field, `expected base64 of 65 bytes, got ${bytes.length} bytes`)
  }
  return value as string
}
