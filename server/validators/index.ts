/**
 * Every platform validator, one module each. ProofService registers the configured ones (§4.3),
 * and /healthz lists them sorted (§15 #27). Add a platform by appending its line below.
 */
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

/** One validator per implemented platform; each says whether its settings let it run (`isConfigured`). */
export function createValidators(config: Config): Validator[] {
  const validators: Validator[] = [
    createEthereumValidator(),
    createSolanaValidator(),
    createTwitterValidator(config.platforms.twitter),
    createGithubValidator(config.platforms.github),
    createDnsValidator(config.platforms.dns),
    createKeybaseValidator(config.platforms.keybase),
    createDiscordValidator(config.platforms.discord),
    createDotbitValidator(config.platforms.dotbit),
    createMindsValidator(config.platforms.minds),
    createSteamValidator(config.platforms.steam),
    createActivityPubValidator(config.platforms.activitypub),
  ]
  return validators
}
