/**
 * Appends links to avatars' proof chains and applies them to the bindings (§4.5 step 4, §7.2): a
 * whole batch of appends — one per avatar — in ONE statement, so one round trip and one commit
 * serve them all (group commit, see ./chain-writes.ts). Appends are serialized per avatar in the
 * database (§15 #4): a link goes in only after the head its payload was signed on, and the
 * unique indexes (one successor per link, one genesis per avatar) make a concurrent writer — in
 * this process or another — wait for the first one's commit and then skip the link (ON CONFLICT
 * on those indexes DO NOTHING), which the client hears as the clear stale-chain 400, never a fork.
 */
import type { ProofAction } from '../../src/protocol/index.js'
import type { Queryable } from '../db/database.js'

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

/** One append: `link` after `expectedHeadId` (null = genesis), the head its payload was signed on. */
export type ChainAppend = { link: NewChainLink; expectedHeadId: string | null }

// jsonb_to_recordset: the database interface takes scalar parameters only, so the batch travels as
// one JSON text. Rows go in avatar order (links after a head, then genesis links: one plan, one
// order), so two batches (two processes) touching the same avatars wait for each other in one order
// and should not deadlock; chain-writes.ts retries a deadlocked batch one append at a time anyway. The head check reads this statement's
// snapshot; an append committed after it started is caught by the unique indexes instead.
const APPEND_SQL = `
  WITH batch AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(avatar text, action text, platform text, identity text,
      alt_id text, location text, created_at text, signature text, signature_payload text, extra jsonb,
      uuid text, previous_id bigint)
  ),
  -- A link after a head and a genesis link race on different unique indexes, and ON CONFLICT takes one
  -- target: one insert each. Naming the targets matters: any other unique conflict is a real error,
  -- not a lost race to answer with the stale-chain 400.
  after_head AS (
    INSERT INTO proof_chain (avatar, action, platform, identity, alt_id, location, created_at, signature,
      signature_payload, extra, uuid, previous_id)
    SELECT avatar, action, platform, identity, alt_id, location, created_at, signature, signature_payload, extra,
      uuid, previous_id
    FROM batch b
    WHERE b.previous_id IS NOT NULL
      AND b.previous_id = (SELECT max(h.id) FROM proof_chain h WHERE h.avatar = b.avatar)
    ORDER BY b.avatar
    ON CONFLICT (previous_id) DO NOTHING
    RETURNING id, avatar, action, platform, identity, alt_id, location
  ),
  genesis AS (
    INSERT INTO proof_chain (avatar, action, platform, identity, alt_id, location, created_at, signature,
      signature_payload, extra, uuid, previous_id)
    SELECT avatar, action, platform, identity, alt_id, location, created_at, signature, signature_payload, extra,
      uuid, previous_id
    FROM batch b
    WHERE b.previous_id IS NULL AND NOT EXISTS (SELECT 1 FROM proof_chain h WHERE h.avatar = b.avatar)
    ORDER BY b.avatar
    ON CONFLICT (avatar) WHERE previous_id IS NULL DO NOTHING
    RETURNING id, avatar, action, platform, identity, alt_id, location
  ),
  appended AS (SELECT * FROM after_head UNION ALL SELECT * FROM genesis),
  -- The reference's FirstOrCreate on (avatar, platform, identity, location) (§7.2). A binding proven
  -- again is valid again and points at its newest link, which revalidation rebuilds its check from.
  bound AS (
    INSERT INTO proof (avatar, platform, identity, alt_id, location, proof_chain_id)
    SELECT avatar, platform, identity, alt_id, location, id FROM appended WHERE action = 'create' ORDER BY avatar
    ON CONFLICT (avatar, platform, identity, location) DO UPDATE
      SET alt_id = excluded.alt_id, proof_chain_id = excluded.proof_chain_id, is_valid = true,
          invalid_reason = '', last_checked_at = now()
  ),
  unbound AS (
    DELETE FROM proof p USING appended a
    WHERE a.action = 'delete' AND p.avatar = a.avatar AND p.platform = a.platform AND p.identity = a.identity
  )
  SELECT avatar, id FROM appended`

/**
 * Appends each link after its expected head, all in one statement (its own transaction); answers
 * each new link's id, or null when its avatar's chain had moved on. At most one append per avatar.
 */
export async function appendChainLinks(db: Queryable, appends: readonly ChainAppend[]): Promise<(string | null)[]> {
  const avatars = new Set(appends.map(({ link }) => link.avatar))
  if (avatars.size !== appends.length) throw new Error('appendChainLinks: one append per avatar per batch')
  const rows = appends.map(({ link, expectedHeadId }) => ({
    avatar: link.avatar,
    action: link.action,
    platform: link.platform,
    identity: link.identity,
    alt_id: link.altId,
    location: link.location,
    created_at: link.createdAt,
    signature: link.signature,
    signature_payload: link.signaturePayload,
    // Stored as the reference stores it (§4.8).
    extra: link.extra,
    uuid: link.uuid,
    previous_id: expectedHeadId,
  }))
  const appended = await db.query<{ avatar: string; id: string }>(APPEND_SQL, [JSON.stringify(rows)], {
    name: 'append_chain_links',
  })
  const idOf = new Map(appended.map((row) => [row.avatar, row.id]))
  return appends.map(({ link }) => idOf.get(link.avatar) ?? null)
}
