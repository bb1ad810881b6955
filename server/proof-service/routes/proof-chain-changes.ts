/**
 * GET /v1/proofchain/changes (§4.9): the global feed of chain links after `last_id` (exclusive),
 * oldest first, each with its id and avatar. `count` ≤ 0 means 10; at most 100.
 */
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { type ChainLinkRow, formatChainLink } from '../format-chain-link.js'
import { parseIntegerParam, readQueryParam } from '../query-params.js'

export const proofChainChangesRoute: Route<ProofServiceDeps> = (app, { db }) => {
  app.get('/v1/proofchain/changes', async (c) => {
    const lastId = Math.max(parseIntegerParam(readQueryParam(c, 'last_id'), 0), 0)
    const requested = parseIntegerParam(readQueryParam(c, 'count'), 0)
    const count = requested <= 0 ? 10 : Math.min(requested, 100)
    const links = await db.query<ChainLinkRow>(`SELECT * FROM proof_chain WHERE id > $1 ORDER BY id LIMIT ${count}`, [
      lastId,
    ])
    return c.json({
      links: links.map((link) => ({ id: Number(link.id), avatar: link.avatar, ...formatChainLink(link) })),
    })
  })
}
