/**
 * Bulk-loads bindings straight into PostgreSQL for the read benchmark: `avatars` avatars with four
 * bindings each (twitter, github, ethereum, dns) and the matching four-link proof chain, as
 * GET /v1/proof's search needs both tables (server/proof-service/proof-search.ts). Avatar keys are
 * key-shaped text, not curve points: the search compares them as text and never parses them.
 */
import type { Database } from '../../server/db/database.js'

export const PLATFORMS_PER_AVATAR = 4
const AVATARS_PER_BATCH = 25_000

// `$1`/`$2`: the batch's first and last avatar number; `$3`: the id before the batch's first link.
// Link k of avatar a gets id base + 4(a - first) + k + 1 and points to link k - 1 (§8's chain).
const SEEDED = `
  seeded AS (
    SELECT a, k, $3::bigint + (a - $1::bigint) * 4 + k + 1 AS id,
      '0x0' || (2 + a % 2) || md5('avatar' || a) || md5('avatar.' || a) AS avatar,
      (ARRAY['twitter', 'github', 'ethereum', 'dns'])[k + 1] AS platform,
      CASE k WHEN 0 THEN 'user_' || a WHEN 1 THEN 'gh-' || a
        WHEN 2 THEN '0x' || left(md5('wallet' || a) || md5('wallet.' || a), 40)
        ELSE 'site' || a || '.example.org' END AS identity
    FROM generate_series($1::bigint, $2::bigint) a, generate_series(0, 3) k
  )`

/** Inserts the avatars numbered `[0, avatars)` in batches; `progress` hears the rows done so far. */
export async function seedProofs(db: Database, avatars: number, progress: (rows: number) => void): Promise<void> {
  for (let first = 0; first < avatars; first += AVATARS_PER_BATCH) {
    const last = Math.min(first + AVATARS_PER_BATCH, avatars) - 1
    await db.transaction(async (tx) => {
      const [head] = await tx.query<{ max: string }>('SELECT coalesce(max(id), 0)::text AS max FROM proof_chain')
      const params = [first, last, head?.max ?? '0']
      await tx.query(
        `WITH ${SEEDED}
         INSERT INTO proof_chain (id, avatar, action, platform, identity, alt_id, created_at, signature,
           signature_payload, uuid, previous_id)
         SELECT id, avatar, 'create', platform, identity, CASE WHEN platform = 'ethereum' THEN identity ELSE '' END,
           (1700000000 + a)::text, 'seed-signature-' || id, '', gen_random_uuid()::text,
           CASE WHEN k = 0 THEN NULL ELSE id - 1 END
         FROM seeded`,
        params,
      )
      await tx.query(
        `WITH ${SEEDED}
         INSERT INTO proof (avatar, platform, identity, alt_id, proof_chain_id)
         SELECT avatar, platform, identity, CASE WHEN platform = 'ethereum' THEN identity ELSE '' END, id FROM seeded`,
        params,
      )
    })
    progress((last + 1) * PLATFORMS_PER_AVATAR)
  }
  // Links were inserted with explicit ids: later appends must continue after them.
  await db.query(`SELECT setval(pg_get_serial_sequence('proof_chain', 'id'), (SELECT max(id) FROM proof_chain))`)
  await settleDatabase(db)
}

/**
 * Brings the database to the steady state a long-running server sees: planner statistics, hint
 * bits and the visibility map set (VACUUM ANALYZE, one statement per call: VACUUM refuses to run
 * in a transaction block), and dirty buffers written out (CHECKPOINT). Right after a bulk load
 * the checkpoint it forced is still writing a gigabyte, and reads measured then show its p99.
 */
export async function settleDatabase(db: Database): Promise<void> {
  await db.exec('VACUUM ANALYZE proof_chain')
  await db.exec('VACUUM ANALYZE proof')
  await db.exec('CHECKPOINT')
}

/** `count` random (platform, identity) pairs of stored bindings, and their avatars. */
export async function sampleBindings(db: Database, count: number) {
  return db.query<{ platform: string; identity: string; avatar: string }>(
    'SELECT platform, identity, avatar FROM proof ORDER BY random() LIMIT $1',
    [count],
  )
}
