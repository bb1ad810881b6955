/**
 * GET /v1/proof/exists (§4.7): one binding's check state, matched by avatar, platform and identity
 * or alt_id (lowercased only where identities are stored lowercased, §15 #13). Queues a
 * revalidation when the binding was not checked for a while (§7.3).
 */
import { HttpError } from '../../http/http-error.js'
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { lookupForm } from '../identity-lookup.js'
import { readQueryParam } from '../query-params.js'
import { parseAvatarKey } from '../request-fields.js'
import { toUnixSeconds } from '../unix-seconds.js'

type ExistingProof = { id: string; created_at: Date; last_checked_at: Date; is_valid: boolean; invalid_reason: string }

export const proofExistsRoute: Route<ProofServiceDeps> = (app, deps) => {
  app.get('/v1/proof/exists', async (c) => {
    const [platform, identity, publicKey] = ['platform', 'identity', 'public_key'].map((name) =>
      readQueryParam(c, name),
    )
    if (!platform || !identity || !publicKey) throw new HttpError(400, 'Param missing')
    const avatar = parseAvatarKey(publicKey, 'Public key unmarshal error')
    const lookup = lookupForm(platform, identity)
    const [proof] = await deps.db.query<ExistingProof>(
      `SELECT id, created_at, last_checked_at, is_valid, invalid_reason FROM proof
       WHERE avatar = $1 AND platform = $2 AND (identity = $3 OR (alt_id = $3 AND alt_id <> ''))
       ORDER BY id LIMIT 1`,
      [avatar, platform, lookup],
    )
    if (!proof) throw new HttpError(404, `Record not found for ${platform.slice(0, 40)}: ${identity.slice(0, 200)}`)
    deps.revalidation.schedule([proof])
    return c.json({
      created_at: toUnixSeconds(proof.created_at),
      last_checked_at: toUnixSeconds(proof.last_checked_at),
      is_valid: proof.is_valid,
      invalid_reason: proof.invalid_reason,
    })
  })
}
