/**
 * GET /v1/kv?avatar= (§9.1): everything one avatar stored, keys printed uncompressed. `persona=`
 * is the legacy name (Mask uses it); any §3.2 key form is accepted. An avatar without KV gets
 * 200 with `proofs: []`, as the reference code answers (§12).
 */
import { HttpError } from '../../http/http-error.js'
import type { Route } from '../../service-deps.js'
import { withApiAlias } from '../api-alias.js'
import type { KvServiceDeps } from '../app.js'
import { readAvatarKvJson } from '../kv-content.js'
import { parseKvSignerKey } from '../kv-request.js'

export const getKvRoute: Route<KvServiceDeps> = (app, { db }) => {
  app.on('GET', withApiAlias('/v1/kv'), async (c) => {
    const key = c.req.query('avatar') ?? c.req.query('persona')
    if (key === undefined) throw new HttpError(400, 'Param missing: avatar')
    const avatar = parseKvSignerKey(key, 'avatar').id
    return c.body(await readAvatarKvJson(db, avatar), 200, { 'Content-Type': 'application/json' })
  })
}
