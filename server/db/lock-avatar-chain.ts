/**
 * Serializes appends to one avatar's chain (§15 #4): the caller re-reads the chain head after this
 * lock, inside the same transaction, and only then inserts. Other avatars are not blocked.
 */
import type { Queryable } from './database.js'

export type ChainKind = 'proof_chain' | 'kv_chain'

/** Holds a transaction-scoped lock on `avatar`'s chain of `kind` until COMMIT or ROLLBACK. */
export async function lockAvatarChain(tx: Queryable, kind: ChainKind, avatar: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${kind}:${avatar}`], { name: 'lock_avatar_chain' })
}
