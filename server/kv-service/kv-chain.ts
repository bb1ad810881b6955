/**
 * The kv_chain table (§9.2, §9.3): one signed link per accepted write, each pointing at the
 * avatar's previous link. `previous` in a sign payload is the LATEST link's signature (§15 #6).
 */
import type { Queryable } from '../db/database.js'

export type ChainHead = {
  /** bigserial id as a decimal string. */
  id: string
  /** Base64 signature, the next payload's `previous`. */
  signature: string
}

export type NewKvLink = {
  uuid: string
  /** `0x` + compressed. */
  avatar: string
  platform: string
  identity: string
  /** serde_json text of the patch (jsonb). */
  patchJson: string
  /** The patch exactly as the client wrote it. */
  patchText: string
  signature: string
  signaturePayload: string
  createdAt: number
  previousId: string | null
}

/** The avatar's latest link, or null before its first write. */
export async function readChainHead(db: Queryable, avatar: string): Promise<ChainHead | null> {
  const [head] = await db.query<ChainHead>(
    // ORDER BY kv_chain.id, not the text alias `id`: as text, link 9 sorts after link 10.
    'SELECT id::text AS id, signature FROM kv_chain WHERE avatar = $1 ORDER BY kv_chain.id DESC LIMIT 1',
    [avatar],
    { name: 'kv_chain_head' },
  )
  return head ?? null
}

/** True when some link (of any avatar) already used this uuid (§15 #7). */
export async function isUuidUsed(db: Queryable, uuid: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM kv_chain WHERE uuid = $1', [uuid], { name: 'kv_uuid_used' })
  return rows.length > 0
}

// Each candidate costs a signature recovery (~50 µs native) on the refusal path, so only so many
// are tried — enough for the links a burst of concurrent writers of one avatar adds within the
// second of slack before the payload was made (20 writers in one second did exceed 16).
const MAX_EARLIER_HEADS = 64

/**
 * The `previous` values a payload made at `createdAt` may have carried before the chain moved on:
 * the predecessors (null for the genesis) of the first links inserted since shortly before then.
 */
export async function findEarlierHeads(db: Queryable, avatar: string, createdAt: number): Promise<(string | null)[]> {
  // A second of slack: a link may be inserted a moment before its commit, and clocks drift a little.
  const rows = await db.query<{ previous: string | null }>(
    `SELECT p.signature AS previous FROM kv_chain l LEFT JOIN kv_chain p ON p.id = l.previous_id
     WHERE l.avatar = $1 AND extract(epoch FROM l.inserted_at) >= $2 ORDER BY l.id LIMIT $3`,
    [avatar, createdAt - 1, MAX_EARLIER_HEADS],
  )
  return rows.map((row) => row.previous)
}

/** Appends a link after `previousId`; the caller holds lockAvatarChain for the avatar. */
export async function insertKvLink(tx: Queryable, link: NewKvLink): Promise<void> {
  // clock_timestamp(), not now(): the insert time after the lock, which findEarlierHeads relies on.
  await tx.query(
    `INSERT INTO kv_chain (uuid, avatar, platform, identity, patch, patch_text, signature, signature_payload,
                           created_at, previous_id, inserted_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, clock_timestamp())`,
    [
      link.uuid,
      link.avatar,
      link.platform,
      link.identity,
      link.patchJson,
      link.patchText,
      link.signature,
      link.signaturePayload,
      link.createdAt,
      link.previousId,
    ],
    { name: 'insert_kv_link' },
  )
}
