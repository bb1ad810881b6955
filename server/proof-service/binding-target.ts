/**
 * What /v1/proof/payload and /v1/proof both resolve first: the platform's validator (registered
 * and configured, else 400) and the identity as the payload carries it — normalised identically at
 * both steps (§5.3, §15 #12) and, for Steam, resolved by the platform (§5.2).
 */
import { normalizeIdentity, type Platform } from '../../src/protocol/index.js'
import { HttpError } from '../http/http-error.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from '../validators/validator.js'
import type { ProofServiceDeps } from './app.js'

export type BindingTarget = {
  platform: Platform
  validator: Validator
  /** Normalised (§5.3) and, where the platform resolves it, resolved. */
  identity: string
}

type Deps = Pick<ProofServiceDeps, 'validators' | 'validatorContext'>

/** The validator for `platform`, or 400 `unknownMessage` when it is not registered or not configured. */
export function findValidator(deps: Deps, platform: string, unknownMessage: string): Validator {
  const validator = deps.validators.get(platform as Platform)
  if (!validator?.isConfigured) throw new HttpError(400, unknownMessage)
  return validator
}

/** Finds the validator and the identity the payload carries; validator verdicts become 400s. */
export async function resolveBindingTarget(
  deps: Deps,
  platform: string,
  identity: string,
  unknownMessage: string,
): Promise<BindingTarget> {
  const validator = findValidator(deps, platform, unknownMessage)
  const normalized = normalizeIdentity(validator.platform, identity)
  if (!validator.resolveIdentity) return { platform: validator.platform, validator, identity: normalized }
  try {
    const resolved = await validator.resolveIdentity(normalized, deps.validatorContext)
    return { platform: validator.platform, validator, identity: resolved }
  } catch (error) {
    throw toHttpError(error)
  }
}

/** A validator's verdict (or lack of one) as the 400 the client sees (§4.5 step 3); anything else is a bug. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof ProofRejectedError || error instanceof PlatformUnavailableError) {
    return new HttpError(400, error.message)
  }
  return error
}
