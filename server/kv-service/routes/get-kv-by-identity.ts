/**
 * GET /v1/kv/by_identity?platform=&identity= (§9.1): what every avatar stored for one platform
 * identity, matched exactly and case-sensitively, as the reference stores identities unchanged.
 */
import { HttpError } from '../../http/http-error.js'
import type { Route } from '../../service-deps.js'
import { withApiAlias } from '../api-alias.js'
import type { KvServiceDeps } from '../app.js'
import { readIdentityValuesJson } from '../kv-content.js'
import { requireStorableText } from '../kv-request.js'

export const getKvByIdentityRoute: Route<KvServiceDeps> = (app, { db }) => {
  app.on('GET', withApiAlias('/v1/kv/by_identity'), async (c) => {
    const platform = c.req.query('platform')
    const identity = c.req.query('identity')
    if (platform === undefined) throw new HttpError(400, 'Param missing: platform')
    if (identity === undefined) throw new HttpError(400, 'Param missing: identity')
    const body = await readIdentityValuesJson(
      db,
      requireStorableText(platform, 'platform'),
      requireStorableText(identity, 'identity'),
    )
    return c.body(body, 200, { 'Content-Type': 'application/json' })
  })
}
