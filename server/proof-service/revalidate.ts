/**
 * Revalidation (§7.3, §15 #8): a binding not checked for `revalidateAfterSeconds` is checked again
 * from its stored chain link — the exact signed payload, prev, uuid and created_at — by the
 * platform's validator. Twitter included. A definite "not proven" sets is_valid=false with the
 * reason; success sets it true again; no verdict (platform down) leaves is_valid alone and only
 * moves last_checked_at, so an unreachable platform is not hammered.
 */
import { decodeBase64 } from '../../src/crypto/index.js'
import { buildLegacyProofSignPayload, type Platform } from '../../src/protocol/index.js'
import { isSignedBy, parseSignerKey } from '../crypto/signer-keys.js'
import type { Database } from '../db/database.js'
import type { Logger } from '../http/logger.js'
import { PlatformUnavailableError, ProofRejectedError, type ValidationResult } from '../validators/validator.js'
import type { ProofServiceDeps } from './app.js'

export type RevalidationDeps = Pick<ProofServiceDeps, 'validators' | 'validatorContext'> & {
  db: Database
  logger: Logger
}

export type RevalidationOutcome = 'valid' | 'invalid' | 'unavailable' | 'gone'

type StoredProof = {
  proof_chain_id: string
  avatar: string
  platform: string
  identity: string
  location: string
  signature: string
  signature_payload: string
  uuid: string
  created_at: string
  extra: Record<string, unknown>
  prev: string | null
}

/** Checks one proof row again now, whatever its age, and records the verdict; tests await it directly. */
export async function revalidateProof(deps: RevalidationDeps, proofId: string): Promise<RevalidationOutcome> {
  const [stored] = await deps.db.query<StoredProof>(
    `SELECT p.proof_chain_id::text AS proof_chain_id, p.avatar, p.platform, c.identity, c.location, c.signature,
            c.signature_payload, c.uuid, c.created_at, c.extra, prev.signature AS prev
     FROM proof p JOIN proof_chain c ON c.id = p.proof_chain_id LEFT JOIN proof_chain prev ON prev.id = c.previous_id
     WHERE p.id = $1`,
    [proofId],
  )
  if (!stored) return 'gone'
  const verdict = await judge(deps, stored)
  // Only if the row still rests on the link just checked: a newer create has been validated since.
  const where = 'WHERE id = $1 AND proof_chain_id = $2'
  if (verdict.outcome === 'valid') {
    await deps.db.query(
      `UPDATE proof SET is_valid = true, invalid_reason = '', alt_id = $3, last_checked_at = now() ${where}`,
      [proofId, stored.proof_chain_id, verdict.altId],
    )
  } else if (verdict.outcome === 'invalid') {
    await deps.db.query(`UPDATE proof SET is_valid = false, invalid_reason = $3, last_checked_at = now() ${where}`, [
      proofId,
      stored.proof_chain_id,
      verdict.reason,
    ])
  } else {
    await deps.db.query(`UPDATE proof SET last_checked_at = now() ${where}`, [proofId, stored.proof_chain_id])
  }
  return verdict.outcome
}

type Verdict = { outcome: 'valid'; altId: string } | { outcome: 'invalid'; reason: string } | { outcome: 'unavailable' }

async function judge(deps: RevalidationDeps, stored: StoredProof): Promise<Verdict> {
  const validator = deps.validators.get(stored.platform as Platform)
  if (!validator?.isConfigured) return { outcome: 'unavailable' }
  // Links imported from the reference may predate stored payloads (§5.2).
  const signPayload =
    stored.signature_payload ||
    buildLegacyProofSignPayload({
      action: 'create',
      platform: stored.platform,
      identity: stored.identity,
      prev: stored.prev,
    })
  let result: ValidationResult
  try {
    result = await validator.validate(
      {
        action: 'create',
        platform: validator.platform,
        identity: stored.identity,
        avatar: stored.avatar,
        proofLocation: stored.location,
        signPayload,
        uuid: stored.uuid,
        createdAt: stored.created_at,
        prev: stored.prev,
        avatarSignature: avatarSignatureOf(stored, signPayload),
        extra: stringEntries(stored.extra),
      },
      deps.validatorContext,
    )
  } catch (error) {
    if (error instanceof ProofRejectedError) return { outcome: 'invalid', reason: error.message }
    if (!(error instanceof PlatformUnavailableError)) {
      deps.logger.error('revalidation failed', { platform: stored.platform, error: describeError(error) })
    }
    return { outcome: 'unavailable' }
  }
  return { outcome: 'valid', altId: result.altId }
}

// A create link keeps the avatar's signature (the request's or the post's, both checked against
// the payload when stored); it is handed on only if it still verifies.
function avatarSignatureOf(stored: StoredProof, signPayload: string): Uint8Array | undefined {
  try {
    const signature = decodeBase64(stored.signature, 'signature')
    return signature.length === 65 && isSignedBy(signPayload, signature, parseSignerKey(stored.avatar))
      ? signature
      : undefined
  } catch {
    return undefined
  }
}

function stringEntries(extra: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(extra ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
