/**
 * Every platform validator, one module each, keyed by platform. ProofService registers the
 * configured ones (§4.3), and /healthz lists them sorted (§15 #27). The table is checked against
 * the platform registry (src/platforms): every registered platform has exactly one factory, whose
 * validator is for that platform; a missing, extra or misplaced factory does not compile. Add a
 * platform by registering its spec there and its line here.
 */
import { REGISTERED_PLATFORMS, type RegisteredPlatform } from '../../src/platforms/index.js'
import type { Config } from '../config.js'
import { createActivityPubValidator } from './activitypub.js'
import { createDiscordValidator } from './discord.js'
import { createDnsValidator } from './dns.js'
import { createDotbitValidator } from './dotbit.js'
import { createEthereumValidator } from './ethereum.js'
import { createGithubValidator } from './github.js'
import { createKeybaseValidator } from './keybase.js'
import { createMindsValidator } from './minds.js'
import { createSolanaValidator } from './solana.js'
import { createSteamValidator } from './steam.js'
import { createTwitterValidator } from './twitter.js'
import type { Validator } from './validator.js'

/** Builds a platform's validator from the server's settings. */
export type ValidatorFactory<P extends RegisteredPlatform> = (config: Config) => Validator<P>

/** Exactly one factory per registered platform, each building that platform's validator. */
export type ValidatorFactories = { [P in RegisteredPlatform]: ValidatorFactory<P> }

/** One validator factory per registered platform, in the registry's order. */
export const VALIDATOR_FACTORIES = {
  twitter: (config) => createTwitterValidator(config.platforms.twitter),
  ethereum: () => createEthereumValidator(),
  keybase: (config) => createKeybaseValidator(config.platforms.keybase),
  github: (config) => createGithubValidator(config.platforms.github),
  discord: (config) => createDiscordValidator(config.platforms.discord),
  dotbit: (config) => createDotbitValidator(config.platforms.dotbit),
  solana: () => createSolanaValidator(),
  minds: (config) => createMindsValidator(config.platforms.minds),
  dns: (config) => createDnsValidator(config.platforms.dns),
  steam: (config) => createSteamValidator(config.platforms.steam),
  activitypub: (config) => createActivityPubValidator(config.platforms.activitypub),
} as const satisfies ValidatorFactories

/** One validator per registered platform; each says whether its settings let it run (`isConfigured`). */
export function createValidators(config: Config): Validator[] {
  return REGISTERED_PLATFORMS.map((platform): Validator => VALIDATOR_FACTORIES[platform](config))
}
