/**
 * Runs in: the server process. Next.ID's ProofService API (§4), same paths and JSON as
 * `NextDotID/proof_server`. Endpoints are route modules listed in ./routes/index.ts.
 */
import type { Hono } from 'hono'
import type { Platform } from '../../src/protocol/index.js'
import { createServiceApp } from '../http/create-service-app.js'
import type { ServiceDeps } from '../service-deps.js'
import type { Validator, ValidatorContext } from '../validators/validator.js'
import type { ChainWrites } from './chain-writes.js'
import type { RevalidationQueue } from './revalidation-queue.js'
import { PROOF_SERVICE_ROUTES } from './routes/index.js'

export type ProofServiceDeps = ServiceDeps & {
  /** One per implemented platform; only configured ones accept bindings, and /healthz lists them (§15 #23). */
  validators: ReadonlyMap<Platform, Validator>
  /** What validators reach their platforms with. */
  validatorContext: ValidatorContext
  /** Background re-checks of bindings that GET /v1/proof and /exists return (§7.3). */
  revalidation: RevalidationQueue
  /** POST /v1/proof's chain-head reads and appends, batched across the submissions in flight. */
  chainWrites: ChainWrites
}

/** The ProofService app: shared middleware, JSON 404s, and every ProofService route. */
export function createProofServiceApp(deps: ProofServiceDeps): Hono {
  const service = { ...deps, logger: deps.logger.forService('proof-service') }
  const app = createServiceApp({
    logger: service.logger,
    bodyLimitBytes: deps.config.bodyLimitBytes,
    notFound: 'json',
    rateLimit: { perMinute: deps.config.rateLimitPerMinute, trustedProxy: deps.config.trustedProxy },
  })
  for (const route of PROOF_SERVICE_ROUTES) route(app, service)
  return app
}

/** Validators keyed by platform, as ProofServiceDeps holds them. */
export function validatorMap(validators: readonly Validator[]): ReadonlyMap<Platform, Validator> {
  return new Map(validators.map((validator) => [validator.platform, validator]))
}

/** The platforms that accept bindings, sorted for /healthz (§15 #27). */
export function configuredPlatforms(validators: ReadonlyMap<Platform, Validator>): string[] {
  return [...validators.values()]
    .filter((validator) => validator.isConfigured)
    .map((validator) => validator.platform)
    .sort()
}
