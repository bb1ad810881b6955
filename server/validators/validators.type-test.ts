/**
 * Compile-time proof that the validator table (index.ts) matches the platform registry (issue 11):
 * each `@ts-expect-error` below must find an error, or tsc reports it unused.
 */
import { createDnsValidator } from './dns.js'
import { VALIDATOR_FACTORIES, type ValidatorFactories } from './index.js'
import { createTwitterValidator } from './twitter.js'

const { dns: _dns, ...withoutDns } = VALIDATOR_FACTORIES

// @ts-expect-error a registered platform without a validator does not compile
export const missingValidator: ValidatorFactories = withoutDns
export const extraValidator: ValidatorFactories = {
  ...VALIDATOR_FACTORIES,
  // @ts-expect-error a validator for a platform the registry does not register (nextid) does not compile
  nextid: (config) => createDnsValidator(config.platforms.dns),
}
export const misplacedValidator: ValidatorFactories = {
  ...VALIDATOR_FACTORIES,
  // @ts-expect-error a factory whose validator is for another platform does not compile
  dns: (config) => createTwitterValidator(config.platforms.twitter),
}
