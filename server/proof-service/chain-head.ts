/** The head of an avatar's proof chain: its latest link, whose signature is the next payload's `prev` (§4.4). */
import type { Queryable } from '../db/database.js'

export type ChainHead = {
  /** bigint id, which both drivers return as a decimal string. */
  id: string
  /** Base64, as stored. */
  signature: string
}

/** The avatar's latest link (highest id: chains are linear, §15 #4), or null before its first link. */
export async function readChainHead(db: Queryable, avatar: string): Promise<ChainHead | null> {
  const [head] = await db.query<ChainHead>(
    'SELECT id, signature FROM proof_chain WHERE avatar = $1 ORDER BY id DESC LIMIT 1',
    [avatar],
  )
  return head ?? null
}
