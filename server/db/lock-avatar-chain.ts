/**
 * Serializes appends to one avatar's KV chain (§15 #4): the caller re-reads the chain head after
 * this lock, inside the same transaction, and only then inserts. Other avatars are not blocked.
 * (Proof appends need no lock: their one-statement insert relies on the unique indexes alone.)
 */
import type { Queryable } from './database.js'

/** Holds a transaction-scoped lock on `avatar`'s KV chain until COMMIT or ROLLBACK. */
export async function lockAvatarChain(tx: Queryable, avatar: string): Promise<void> {
  // The key keeps its `kv_chain:` prefix, so processes of older and newer versions still exclude each other.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kv_chain:${avatar}`], { name: 'lock_avatar_chain' })
}
