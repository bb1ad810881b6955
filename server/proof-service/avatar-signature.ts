/**
 * Checks `extra.signature`, the avatar's personal_sign over the payload rebuilt on the CURRENT
 * chain head (§4.5 step 3, §15 #5). When it fails there but matches a payload built on one of the
 * few links before the head, the client signed before someone else appended: it is told to fetch
 * a fresh payload (§15 #4) instead of a bare `bad signature`.
 */
import { decodeBase64 } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { buildProofSignPayload, type ProofSignPayloadParams } from '../../src/protocol/index.js'
import { isSignedBy, type SignerKey } from '../crypto/signer-keys.js'
import type { Queryable } from '../db/database.js'
import { HttpError } from '../http/http-error.js'
import { STALE_CHAIN_MESSAGE } from './append-chain-link.js'

/** How many links before the head a stale signature is recognised for. */
const STALE_LOOKBACK = 3

/** The decoded 65-byte signature when it is the avatar's over `params`' payload; else 400. */
export async function checkAvatarSignature(
  db: Queryable,
  signatureBase64: string,
  params: ProofSignPayloadParams & { avatar: string },
  avatarKey: SignerKey,
): Promise<Uint8Array> {
  const signature = decodeSignatureField(signatureBase64, 'extra.signature')
  // The uncompressed key builds the same payload without a square root; same key ⇔ same address.
  const signs = (prev: string | null) =>
    isSignedBy(buildProofSignPayload({ ...params, avatar: avatarKey.uncompressed, prev }), signature, avatarKey)
  if (signs(params.prev)) return signature
  if (params.prev !== null) {
    const earlier = await db.query<{ signature: string }>(
      'SELECT signature FROM proof_chain WHERE avatar = $1 ORDER BY id DESC LIMIT $2',
      [params.avatar, STALE_LOOKBACK + 1],
    )
    const candidates: (string | null)[] = earlier.slice(1).map((link) => link.signature)
    // The whole chain is in view, so a payload signed before its first link had prev null.
    if (earlier.length <= STALE_LOOKBACK) candidates.push(null)
    if (candidates.some(signs)) throw new HttpError(400, STALE_CHAIN_MESSAGE)
  }
  throw new HttpError(400, 'bad signature')
}

/** A base64 65-byte r||s||v signature with v of 0, 1, 27 or 28; else 400 with the reference's wording. */
export function decodeSignatureField(text: string, field: string): Uint8Array {
  let signature: Uint8Array
  try {
    signature = decodeBase64(text, field)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new HttpError(400, `bad signature: ${field} is not standard base64`)
    throw error
  }
  // The reference's own messages (§3.4, §15 #1); v is kept as sent.
  if (signature.length !== 65) throw new HttpError(400, `Signature length invalid: ${signature.length} instead of 65`)
  const v = signature[64] as number
  if (v !== 0 && v !== 1 && v !== 27 && v !== 28) throw new HttpError(400, 'Signature Recovery ID not supported')
  return signature
}
