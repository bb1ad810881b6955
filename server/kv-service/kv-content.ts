/**
 * The kv table: the current content per (avatar, platform, identity), the merge of every patch
 * (RFC 7396, §9.3), and the JSON bodies that show it (§9.1). Content is stored as serde_json
 * renders it and shown the same way, as the reference's serde `Value` would print it: object keys
 * sorted, floats keeping `.0` (Postgres numeric keeps the scale of `1.0`).
 */
import { formatPublicKey, parsePublicKey } from '../../src/crypto/index.js'
import {
  applyMergePatch,
  parseJsonPreservingNumbers,
  quoteSerdeString,
  stringifySerdeJson,
} from '../../src/protocol/index.js'
import type { Queryable } from '../db/database.js'
import { HttpError } from '../http/http-error.js'

/**
 * All of one avatar's KV content together, as stored JSON text. Real avatars keep a few kilobytes
 * (profile and app settings); 1 MiB is hundreds of times that, and keeps GET /v1/kv small.
 */
export const MAX_KV_BYTES_PER_AVATAR = 1024 * 1024

export type KvTarget = {
  /** `0x` + compressed. */
  avatar: string
  platform: string
  identity: string
}

type ContentRow = { content: string }

// The target's content and the size of the avatar's other content, in one trip (the cap's check
// adds no statement to the write).
const CONTENT_AND_OTHERS_SQL = `
  SELECT (SELECT content::text FROM kv WHERE avatar = $1 AND platform = $2 AND identity = $3) AS content,
         (SELECT coalesce(sum(octet_length(content::text)), 0)::int FROM kv
          WHERE avatar = $1 AND NOT (platform = $2 AND identity = $3)) AS others`

/**
 * Applies `patch` (numbers as LosslessNumbers) to the target's content, creating it from `{}`; a
 * 400 when the avatar's content would pass MAX_KV_BYTES_PER_AVATAR (the caller's transaction then
 * rolls back, so nothing changes).
 */
export async function mergeKvContent(tx: Queryable, target: KvTarget, patch: unknown): Promise<void> {
  const { avatar, platform, identity } = target
  const [row] = await tx.query<{ content: string | null; others: number }>(
    CONTENT_AND_OTHERS_SQL,
    [avatar, platform, identity],
    { name: 'kv_content_and_others' },
  )
  const current = row?.content == null ? {} : parseJsonPreservingNumbers(row.content, 'content')
  const merged = stringifySerdeJson(applyMergePatch(current, patch), 'content')
  if ((row?.others ?? 0) + Buffer.byteLength(merged) > MAX_KV_BYTES_PER_AVATAR) {
    throw new HttpError(400, `the avatar's KV content would pass ${MAX_KV_BYTES_PER_AVATAR} bytes`)
  }
  await tx.query(
    `INSERT INTO kv (avatar, platform, identity, content) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT (avatar, platform, identity)
     DO UPDATE SET content = EXCLUDED.content, arweave_id = NULL, updated_at = now()`,
    [avatar, platform, identity, merged],
    { name: 'upsert_kv_content' },
  )
}

/** The body of GET /v1/kv and of POST /v1/kv's 201: both key names, uncompressed (§3.3, §15 #16). */
export async function readAvatarKvJson(db: Queryable, avatar: string): Promise<string> {
  const rows = await db.query<ContentRow & { platform: string; identity: string; arweave_id: string | null }>(
    `SELECT platform, identity, content::text AS content, arweave_id FROM kv WHERE avatar = $1
     ORDER BY platform COLLATE "C", identity COLLATE "C"`,
    [avatar],
    { name: 'avatar_kv' },
  )
  const key = quoteSerdeString(uncompressed(avatar))
  const proofs = rows.map(
    (row) =>
      `{"platform":${quoteSerdeString(row.platform)},"identity":${quoteSerdeString(row.identity)},` +
      `"content":${renderContent(row.content)},"arweave_id":${row.arweave_id === null ? 'null' : quoteSerdeString(row.arweave_id)}}`,
  )
  return `{"persona":${key},"avatar":${key},"proofs":[${proofs.join(',')}]}`
}

/** The body of GET /v1/kv/by_identity: every avatar's content for one exact (platform, identity). */
export async function readIdentityValuesJson(db: Queryable, platform: string, identity: string): Promise<string> {
  const rows = await db.query<ContentRow & { avatar: string }>(
    `SELECT avatar, content::text AS content FROM kv WHERE platform = $1 AND identity = $2
     ORDER BY avatar COLLATE "C"`,
    [platform, identity],
  )
  const values = rows.map(
    (row) => `{"avatar":${quoteSerdeString(uncompressed(row.avatar))},"content":${renderContent(row.content)}}`,
  )
  return `{"values":[${values.join(',')}]}`
}

function renderContent(jsonbText: string): string {
  return stringifySerdeJson(parseJsonPreservingNumbers(jsonbText, 'content'), 'content')
}

function uncompressed(avatar: string): string {
  return formatPublicKey(parsePublicKey(avatar, 'avatar'), { compressed: false })
}
