/**
 * POST /v1/kv (§9.1): a signed KV write. Parse, check the permission (§9.4) outside the
 * transaction (it may ask a remote ProofService), then verify and append in one transaction,
 * and answer 201 with the avatar's KV as GET /v1/kv shows it.
 */
import type { Route } from '../../service-deps.js'
import { withApiAlias } from '../api-alias.js'
import type { KvServiceDeps } from '../app.js'
import { appendKvLink } from '../append-kv-link.js'
import { canSetKv } from '../can-set-kv.js'
import { readAvatarKvJson } from '../kv-content.js'
import { parseKvUploadRequest, readKvBody } from '../kv-request.js'

export const postKvRoute: Route<KvServiceDeps> = (app, deps) => {
  app.on('POST', withApiAlias('/v1/kv'), async (c) => {
    const request = parseKvUploadRequest(await readKvBody(c))
    await canSetKv(deps, request)
    await appendKvLink(deps.db, request)
    const body = await readAvatarKvJson(deps.db, request.avatarKey.id)
    return c.body(body, 201, { 'Content-Type': 'application/json' })
  })
}
