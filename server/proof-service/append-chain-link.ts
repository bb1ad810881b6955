/**
 * Appends one link to an avatar's proof chain and applies it to the bindings, in one transaction
 * (§4.5 step 4, §7.2). Appends are serialized per avatar in the database (§15 #4): the head is
 * re-read under the avatar's lock, so a submission whose payload was built on an older head is
 * refused, and the unique constraints turn any race that still slips through into the same answer.
 */
import type { ProofAction } from '../../src/protocol/index.js'
import type { Queryable } from '../db/database.js'
import { lockAvatarChain } from '../db/lock-avatar-chain.js'
import { isUniqueViolation } from '../db/sql-state.js'
import { HttpError } from '../http/http-error.js'
import { readChainHead } from './chain-head.js'

/** Starts the reference way (`bad signature`, §4.5) so existing clients recognise it. */
export const STALE_CHAIN_MESSAGE = "bad signature: the avatar's proof chain changed; request a new payload"

export type NewChainLink = {
  avatar: string
  action: ProofAction
  platform: string
  identity: string
  altId: string
  location: string
  /** Canonical decimal unix seconds, as signed. */
  createdAt: string
  signature: string
  signaturePayload: string
  extra: Readonly<Record<string, string>>
  uuid: string
}

/** Inserts `link` after `expectedHeadId` (null = genesis) and creates or deletes the binding; 400 when the head moved. */
export async function appendChainLink(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  link: NewChainLink,
  expectedHeadId: string | null,
): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      await lockAvatarChain(tx, 'proof_chain', link.avatar)
      const head = await readChainHead(tx, link.avatar)
      if ((head?.id ?? null) !== expectedHeadId) throw new HttpError(400, STALE_CHAIN_MESSAGE)
      const id = await insertLink(tx, link, expectedHeadId)
      if (link.action === 'create') await upsertProof(tx, link, id)
      else
        await tx.query('DELETE FROM proof WHERE avatar = $1 AND platform = $2 AND identity = $3', [
          link.avatar,
          link.platform,
          link.identity,
        ])
      return id
    })
  } catch (error) {
    // UNIQUE(previous_id) or the one-genesis index: another writer took this place in the chain.
    if (
      isUniqueViolation(error, 'proof_chain_previous_id_key') ||
      isUniqueViolation(error, 'proof_chain_genesis_key')
    ) {
      throw new HttpError(400, STALE_CHAIN_MESSAGE)
    }
    throw error
  }
}

async function insertLink(tx: Queryable, link: NewChainLink, previousId: string | null): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO proof_chain (avatar, action, platform, identity, alt_id, location, created_at, signature,
       signature_payload, extra, uuid, previous_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
     RETURNING id`,
    [
      link.avatar,
      link.action,
      link.platform,
      link.identity,
      link.altId,
      link.location,
      link.createdAt,
      link.signature,
      link.signaturePayload,
      JSON.stringify(link.extra),
      link.uuid,
      previousId,
    ],
  )
  return (row as { id: string }).id
}

// The reference's FirstOrCreate on (avatar, platform, identity, location) (§7.2). A binding proven
// again is valid again and points at its newest link, which revalidation rebuilds its check from.
async function upsertProof(tx: Queryable, link: NewChainLink, chainId: string): Promise<void> {
  await tx.query(
    `INSERT INTO proof (avatar, platform, identity, alt_id, location, proof_chain_id)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (avatar, platform, identity, location) DO UPDATE
       SET alt_id = excluded.alt_id, proof_chain_id = excluded.proof_chain_id, is_valid = true,
           invalid_reason = '', last_checked_at = now()`,
    [link.avatar, link.platform, link.identity, link.altId, link.location, chainId],
  )
}
