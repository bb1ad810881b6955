/**
 * GET /v1/proofchain (§4.8, §15 #3 #18): one page of 40 links of an avatar's chain, oldest first.
 * `avatar` takes any key form; the pre-2023-09 name `public_key` is still read.
 */
import { HttpError } from '../../http/http-error.js'
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { type ChainLinkRow, formatChainLink } from '../format-chain-link.js'
import { paginationOf, parsePageParam, readQueryParam } from '../query-params.js'
import { parseAvatarKey } from '../request-fields.js'

const LINKS_PER_PAGE = 40

export const proofChainRoute: Route<ProofServiceDeps> = (app, { db }) => {
  app.get('/v1/proofchain', async (c) => {
    const key = readQueryParam(c, 'avatar') || readQueryParam(c, 'public_key')
    if (!key) throw new HttpError(400, 'Param missing')
    const avatar = parseAvatarKey(key)
    const page = parsePageParam(readQueryParam(c, 'page'))
    const [counted] = await db.query<{ total: string }>(
      'SELECT count(*)::text AS total FROM proof_chain WHERE avatar = $1',
      [avatar],
    )
    const total = Number(counted?.total ?? 0)
    const offset = (page - 1) * LINKS_PER_PAGE
    const links =
      offset >= total
        ? []
        : await db.query<ChainLinkRow>(
            `SELECT * FROM proof_chain WHERE avatar = $1 ORDER BY id LIMIT ${LINKS_PER_PAGE} OFFSET ${offset}`,
            [avatar],
          )
    return c.json({ pagination: paginationOf(total, LINKS_PER_PAGE, page), proof_chain: links.map(formatChainLink) })
  })
}
