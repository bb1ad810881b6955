/**
 * What ProofService needs beyond the shared deps: its validators, how they reach platforms, and
 * the revalidation queue, which the server drains before closing the database.
 */
import type { Config } from '../config.js'
import { createOutboundFetch, DEFAULT_OUTBOUND_LIMITS } from '../outbound/outbound-fetch.js'
import { trustedOriginsOf } from '../outbound/trusted-origins.js'
import type { ServiceDeps } from '../service-deps.js'
import type { Validator, ValidatorContext } from '../validators/validator.js'
import { type ProofServiceDeps, validatorMap } from './app.js'
import { createChainWrites } from './chain-writes.js'
import { createRevalidationQueue } from './revalidation-queue.js'

/** Per platform request; a platform slower than this gives no verdict (PlatformUnavailableError). */
export const PLATFORM_TIMEOUT_MS = 10_000

export type ProofServiceRuntime = Pick<
  ProofServiceDeps,
  'validators' | 'validatorContext' | 'revalidation' | 'chainWrites'
>

/** How validators reach platforms in production: only the public internet and the configured origins. */
export function createPlatformContext(config: Config): ValidatorContext {
  const fetch = createOutboundFetch({
    ...DEFAULT_OUTBOUND_LIMITS,
    timeoutMs: PLATFORM_TIMEOUT_MS,
    trustedOrigins: trustedOriginsOf(config.platforms),
    allowPrivateAddresses: config.allowPrivateFetchTargets,
  })
  return { fetch, timeoutMs: PLATFORM_TIMEOUT_MS }
}

/** Builds the validator map, their context (the outbound fetch unless given), the revalidation queue and the chain writer. */
export function createProofServiceRuntime(
  deps: ServiceDeps,
  validators: readonly Validator[],
  context: ValidatorContext = createPlatformContext(deps.config),
): ProofServiceRuntime {
  const map = validatorMap(validators)
  const revalidation = createRevalidationQueue({
    db: deps.db,
    logger: deps.logger.forService('proof-service'),
    validators: map,
    validatorContext: context,
    maxAgeSeconds: deps.config.revalidateAfterSeconds,
  })
  return { validators: map, validatorContext: context, revalidation, chainWrites: createChainWrites(deps.db) }
}
