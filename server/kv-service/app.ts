/**
 * Runs in: the server process. Next.ID's KVService API (§9), same paths and JSON as
 * `NextDotID/kv_server`. Endpoints are route modules listed in ./routes/index.ts.
 */
import type { Hono } from 'hono'
import { createServiceApp } from '../http/create-service-app.js'
import type { ServiceDeps } from '../service-deps.js'
import type { ProofServiceAccess } from './can-set-kv.js'
import { KV_SERVICE_ROUTES } from './routes/index.js'

/**
 * `proofServiceUrl` is the ProofService asked whether an avatar holds a binding (§9.4), without a
 * trailing slash; `proofServiceFetch` (default globalThis.fetch) reaches it, e.g. in process.
 */
export type KvServiceDeps = ServiceDeps & ProofServiceAccess

/** The KVService app: shared middleware, plain-text 404s (§9.1), and every KVService route. */
export function createKvServiceApp(deps: KvServiceDeps): Hono {
  const service = { ...deps, logger: deps.logger.forService('kv-service') }
  const app = createServiceApp({
    logger: service.logger,
    bodyLimitBytes: deps.config.bodyLimitBytes,
    notFound: 'text',
    rateLimit: { perMinute: deps.config.rateLimitPerMinute, trustedProxy: deps.config.trustedProxy },
  })
  for (const route of KV_SERVICE_ROUTES) route(app, service)
  return app
}
