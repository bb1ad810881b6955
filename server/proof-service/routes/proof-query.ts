/**
 * GET /v1/proof (§4.6, §7.4, §15 #13 #17 #18): bindings by identity (comma-separated list in the
 * first `identity` parameter), by avatar (`platform=nextid`), on one platform or all. Proofs not
 * checked for a while are queued for revalidation (§7.3); this answer is not held up by it.
 */
import type { Context } from 'hono'
import { HttpError } from '../../http/http-error.js'
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { type FoundAvatar, PROOFS_PER_PAGE, searchProofs } from '../proof-search.js'
import { paginationOf, parseBooleanParam, parsePageParam, readQueryParam } from '../query-params.js'
import { parseAvatarKey } from '../request-fields.js'
import { toUnixSeconds } from '../unix-seconds.js'

/**
 * Identities per query. Clients look up one identity, or the accounts on one screen (tens); an
 * exact identity is an index lookup, a fuzzy one a `LIKE '%…%'` scan of every binding, so fuzzy
 * queries get the lower cap.
 */
export const MAX_EXACT_IDENTITIES = 200
export const MAX_FUZZY_IDENTITIES = 20

export const proofQueryRoute: Route<ProofServiceDeps> = (app, deps) => {
  app.get('/v1/proof', async (c) => {
    const search = readSearch(c)
    const { total, avatars } = await searchProofs(deps.db, search)
    deps.revalidation.schedule(avatars.flatMap((avatar) => avatar.proofs))
    return c.json({ pagination: paginationOf(total, PROOFS_PER_PAGE, search.page), ids: avatars.map(formatAvatar) })
  })
}

function readSearch(c: Context) {
  const platform = readQueryParam(c, 'platform')
  let identities = [...new Set(readQueryParam(c, 'identity').split(','))].filter((identity) => identity !== '')
  if (identities.length === 0) throw new HttpError(400, 'Param missing')
  const exact = parseBooleanParam(readQueryParam(c, 'exact'))
  // Avatars are always matched exactly (proof-search.ts).
  const fuzzy = !exact && platform !== 'nextid'
  const cap = fuzzy ? MAX_FUZZY_IDENTITIES : MAX_EXACT_IDENTITIES
  if (identities.length > cap) {
    throw new HttpError(400, `Param error: at most ${cap} ${fuzzy ? 'fuzzy ' : ''}identities per query`)
  }
  // Avatars are stored as `0x` + compressed lowercase hex: any key form finds them (§15 #3).
  if (platform === 'nextid') identities = identities.map((key) => parseAvatarKey(key))
  return {
    identities,
    platform: platform === '' ? null : platform,
    page: parsePageParam(readQueryParam(c, 'page')),
    exact,
    sort: readQueryParam(c, 'sort'),
    order: readQueryParam(c, 'order'),
  }
}

// Field order as the reference's structs print them (§4.6); `persona` is the legacy name of `avatar`.
function formatAvatar(found: FoundAvatar) {
  return {
    persona: found.avatar,
    avatar: found.avatar,
    alias: [],
    last_arweave_id: found.lastArweaveId,
    activated_at: found.activatedAt,
    proofs: found.proofs.map((proof) => ({
      platform: proof.platform,
      identity: proof.identity,
      alt_id: proof.alt_id,
      created_at: toUnixSeconds(proof.created_at),
      last_checked_at: toUnixSeconds(proof.last_checked_at),
      is_valid: proof.is_valid,
      invalid_reason: proof.invalid_reason,
    })),
  }
}
