/**
 * Runs in: the server process. Next.ID's ProofService API (§4), same paths and JSON as
 * `NextDotID/proof_server`. Endpoints are route modules listed in ./routes/index.ts.
 */
import type { Hono } from 'hono'
import { createServiceApp } from '../http/create-service-app.js'
import type { ServiceDeps } from '../service-deps.js'
import { PROOF_SERVICE_ROUTES } from './routes/index.js'

export type ProofServiceDeps = ServiceDeps & {
  /** Platforms with a validator; /healthz lists them sorted (§15 #27). Empty until validators land. */
  platforms: readonly string[]
}

/** The ProofService app: shared middleware, JSON 404s, and every ProofService route. */
export function createProofServiceApp(deps: ProofServiceDeps): Hono {
  const service = { ...deps, logger: deps.logger.forService('proof-service') }
  const app = createServiceApp({ logger: service.logger, bodyLimitBytes: deps.config.bodyLimitBytes, notFound: 'json' })
  for (const route of PROOF_SERVICE_ROUTES) route(app, service)
  return app
}
