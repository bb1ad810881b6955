/**
 * The search behind GET /v1/proof (§4.6): pages of 40 matching PROOF ROWS (§15 #17), then, for each
 * avatar on the page, all of its bindings, its activation time and last Arweave id. Sorting by
 * `activated_at` joins one row per avatar, so rows are never duplicated (§15 #18).
 */
import type { Queryable } from '../db/database.js'
import { CASE_SENSITIVE_PLATFORMS, lookupForm, toLowerLikeGo } from './identity-lookup.js'
import { SqlParams } from './sql-params.js'

export const PROOFS_PER_PAGE = 40

export type ProofSearch = {
  /** Non-empty, no empty items; with platform `nextid`, avatar ids (`0x` + compressed). */
  identities: readonly string[]
  /** null searches every platform; `nextid` looks up avatars (§4.6). */
  platform: string | null
  exact: boolean
  sort: string
  order: string
  page: number
}

export type FoundProof = {
  id: string
  platform: string
  identity: string
  alt_id: string
  created_at: Date
  last_checked_at: Date
  is_valid: boolean
  invalid_reason: string
}

export type FoundAvatar = { avatar: string; activatedAt: string; lastArweaveId: string; proofs: FoundProof[] }

// The reference's whitelist (§4.6); anything else, `last_arweave_id` included, orders by id desc.
const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'p.id',
  created_at: 'p.created_at',
  last_checked_at: 'p.last_checked_at',
  proof_chain_id: 'p.proof_chain_id',
  platform: 'p.platform',
  identity: 'p.identity',
  alt_id: 'p.alt_id',
  activated_at: 'a.activated_at',
}

const ACTIVATED_AT_JOIN = `CROSS JOIN LATERAL (
  SELECT c.created_at::bigint AS activated_at FROM proof_chain c WHERE c.avatar = p.avatar ORDER BY c.id DESC LIMIT 1
) a`

/** The matching row count and the avatars of the requested page, in page order. */
export async function searchProofs(
  db: Queryable,
  search: ProofSearch,
): Promise<{ total: number; avatars: FoundAvatar[] }> {
  const params = new SqlParams()
  const where = whereClause(search, params)
  const [counted] = await db.query<{ total: string }>(
    `SELECT count(*)::text AS total FROM proof p WHERE ${where}`,
    params.values,
  )
  const total = Number(counted?.total ?? 0)
  const offset = (search.page - 1) * PROOFS_PER_PAGE
  if (offset >= total) return { total, avatars: [] }
  const column = Object.hasOwn(SORT_COLUMNS, search.sort) ? (SORT_COLUMNS[search.sort] as string) : undefined
  const direction = column && search.order.toLowerCase() === 'asc' ? 'ASC' : 'DESC'
  const rows = await db.query<{ avatar: string }>(
    `SELECT p.avatar FROM proof p ${column === 'a.activated_at' ? ACTIVATED_AT_JOIN : ''} WHERE ${where}
     ORDER BY ${column ? `${column} ${direction}, ` : ''}p.id ${direction} LIMIT ${PROOFS_PER_PAGE} OFFSET ${offset}`,
    params.values,
  )
  return { total, avatars: await loadAvatars(db, [...new Set(rows.map((row) => row.avatar))]) }
}

function whereClause(search: ProofSearch, params: SqlParams): string {
  if (search.platform === 'nextid') return `p.avatar IN (${params.list(search.identities)})`
  const match = (values: string[]) => (search.exact ? exactMatch(values, params) : likeMatch(values, params))
  if (search.platform !== null) {
    const platform = search.platform
    return `p.platform = ${params.add(platform)} AND ${match(unique(search.identities.map((id) => lookupForm(platform, id))))}`
  }
  const original = unique(search.identities)
  const lowered = unique(search.identities.map(toLowerLikeGo))
  if (lowered.length === original.length && lowered.every((value, index) => value === original[index])) {
    return match(original)
  }
  const caseSensitive = params.list(CASE_SENSITIVE_PLATFORMS)
  return `((p.platform IN (${caseSensitive}) AND ${match(original)}) OR (p.platform NOT IN (${caseSensitive}) AND ${match(lowered)}))`
}

// `alt_id <> ''` lets the partial alt_id index serve the lookup.
function exactMatch(values: string[], params: SqlParams): string {
  const list = params.list(values)
  return `(p.identity IN (${list}) OR (p.alt_id IN (${list}) AND p.alt_id <> ''))`
}

// A substring search; `%`, `_` and `\` in the identity are literal characters, not wildcards.
function likeMatch(values: string[], params: SqlParams): string {
  const arms = values.map((value) => {
    const pattern = params.add(`%${value.replace(/[\\%_]/g, '\\$&')}%`)
    return `p.identity LIKE ${pattern} ESCAPE '\\' OR p.alt_id LIKE ${pattern} ESCAPE '\\'`
  })
  return `(${arms.join(' OR ')})`
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

async function loadAvatars(db: Queryable, avatars: string[]): Promise<FoundAvatar[]> {
  if (avatars.length === 0) return []
  const params = new SqlParams()
  const list = params.list(avatars)
  const proofs = await db.query<FoundProof & { avatar: string }>(
    `SELECT id, avatar, platform, identity, alt_id, created_at, last_checked_at, is_valid, invalid_reason
     FROM proof WHERE avatar IN (${list}) ORDER BY id`,
    params.values,
  )
  const heads = await db.query<{ avatar: string; created_at: string; arweave_id: string }>(
    `SELECT v.avatar, h.created_at, h.arweave_id FROM (VALUES ${avatars.map((_, i) => `($${i + 1}::text)`).join(', ')}) v (avatar)
     CROSS JOIN LATERAL (
       SELECT created_at, arweave_id FROM proof_chain c WHERE c.avatar = v.avatar ORDER BY c.id DESC LIMIT 1
     ) h`,
    params.values,
  )
  const headOf = new Map(heads.map((head) => [head.avatar, head]))
  return avatars.map((avatar) => ({
    avatar,
    activatedAt: headOf.get(avatar)?.created_at ?? '0',
    lastArweaveId: headOf.get(avatar)?.arweave_id ?? '',
    proofs: proofs.filter((proof) => proof.avatar === avatar).map(({ avatar: _, ...proof }) => proof),
  }))
}
