/**
 * POST /v1/proof/payload (§4.4): the exact string the avatar (and, for ethereum/solana, the wallet)
 * signs, and the post texts, built on the avatar's current chain head. Nothing is stored: uuid and
 * created_at only come back when the client submits (§7.1).
 */
import { buildPostContent, buildProofSignPayload, parseProofAction } from '../../../src/protocol/index.js'
import { HttpError } from '../../http/http-error.js'
import { readJsonBody } from '../../http/read-json-body.js'
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { resolveBindingTarget } from '../binding-target.js'
import { readChainHead } from '../chain-head.js'
import { parseAvatarKey, readStringField, requireBodyObject } from '../request-fields.js'

export const proofPayloadRoute: Route<ProofServiceDeps> = (app, deps) => {
  app.post('/v1/proof/payload', async (c) => {
    const body = requireBodyObject((await readJsonBody(c)).value)
    const [action, platform, identity, publicKey] = ['action', 'platform', 'identity', 'public_key'].map((name) =>
      readStringField(body, name),
    ) as [string, string, string, string]
    if (!action || !platform || !identity || !publicKey) throw new HttpError(400, 'param invalid')
    const avatar = parseAvatarKey(publicKey)
    const proofAction = parseProofAction(action)
    const target = await resolveBindingTarget(deps, platform, identity, 'unknown platform')
    const head = await readChainHead(deps.db, avatar)
    const params = {
      action: proofAction,
      platform: target.platform,
      identity: target.identity,
      avatar,
      uuid: crypto.randomUUID(),
      createdAt: String(Math.floor(Date.now() / 1000)),
      prev: head?.signature ?? null,
    }
    return c.json({
      // Twitter and Minds show the identity as typed (§6.2); Steam's post does not show it.
      post_content: buildPostContent(target.validator.resolveIdentity ? params : { ...params, identity }),
      sign_payload: buildProofSignPayload(params),
      uuid: params.uuid,
      created_at: params.createdAt,
    })
  })
}
