/**
 * POST /v1/kv/payload (§9.1, §9.2): checks the write is allowed (§9.4), then answers the exact
 * string to sign, built by src/ from the patch as written and the avatar's latest link (§15 #6).
 * Nothing is stored: POST /v1/kv rebuilds the payload from what the client echoes.
 */
import { buildKvSignPayload } from '../../../src/protocol/index.js'
import type { Route } from '../../service-deps.js'
import { withApiAlias } from '../api-alias.js'
import type { KvServiceDeps } from '../app.js'
import { canSetKv } from '../can-set-kv.js'
import { readChainHead } from '../kv-chain.js'
import { parseKvWriteRequest, readKvBody } from '../kv-request.js'

export const postKvPayloadRoute: Route<KvServiceDeps> = (app, deps) => {
  app.on('POST', withApiAlias('/v1/kv/payload'), async (c) => {
    const request = parseKvWriteRequest(await readKvBody(c))
    await canSetKv(deps, request)
    const head = await readChainHead(deps.db, request.avatarKey.id)
    const uuid = crypto.randomUUID()
    // A JSON number here, unlike ProofService's string (§1.1).
    const createdAt = Math.floor(Date.now() / 1000)
    const signPayload = buildKvSignPayload({
      uuid,
      avatar: request.avatarKey.uncompressed,
      platform: request.platform,
      identity: request.identity,
      patch: request.patch,
      createdAt,
      previous: head?.signature ?? null,
    })
    return c.json({ uuid, sign_payload: signPayload, created_at: createdAt })
  })
}
