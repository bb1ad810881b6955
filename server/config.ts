/**
 * Runs in: the server process (Node). Reads the environment once at startup; every problem is
 * reported together, naming its variable, so a misconfigured server never starts half-right.
 */
import { resolve } from 'node:path'
import { type Env, EnvReader } from './env-reader.js'

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Where each platform validator reaches its platform; tests point these at the platform simulator. */
export type PlatformConfig = {
  twitter: { apiUrl: string; bearerToken: string | null }
  github: { apiUrl: string; token: string | null }
  /** `{username}` is replaced by the Keybase user name. */
  keybase: { urlTemplate: string }
  dns: { dohUrl: string }
  discord: { apiUrl: string; botToken: string | null }
  /** The .bit register API serving `POST /v1/account/records` (platforms.md §3.7). */
  dotbit: { apiUrl: string }
  minds: { apiUrl: string }
  steam: { url: string }
  /** `{server}` is replaced by the host of a `user@server` identity. */
  activitypub: { urlTemplate: string }
}

export type Config = {
  /** null = this service is off (`PROOF_PORT=off`); 0 = any free port. */
  proofPort: number | null
  kvPort: number | null
  host: string
  /** Absolute; holds the PGlite database when `databaseUrl` is null. */
  dataDir: string
  /** A `postgres://` URL, or null for the embedded PGlite database. */
  databaseUrl: string | null
  /** The ProofService KVService asks about bindings; null = the one in this process (§9.4). */
  proofServiceUrl: string | null
  revalidateAfterSeconds: number
  bodyLimitBytes: number
  logLevel: LogLevel
  /** Reported by ProofService's /healthz (§4.3); from NODE_ENV. */
  environment: string
  /**
   * Local development only (ALLOW_PRIVATE_FETCH_TARGETS): hosts named in requests may be private
   * addresses on any port. Off by default; never on a server the internet can reach.
   */
  allowPrivateFetchTargets: boolean
  /**
   * The reverse proxy in front of the server (TRUSTED_PROXY): only a request from this address
   * may name its client in X-Forwarded-For; null = clients are who the socket says.
   */
  trustedProxy: string | null
  /** POSTs per client per minute (RATE_LIMIT_PER_MINUTE); null = no limit (`off`). */
  rateLimitPerMinute: number | null
  /** Base URLs have no trailing slash, so validators append paths with a leading one. */
  platforms: PlatformConfig
}

export type { Env }

/** Startup configuration is invalid; the message names every offending variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** Builds the typed Config from environment variables, or throws one ConfigError listing every bad one. */
export function loadConfig(env: Env): Config {
  const read = new EnvReader(env)
  const proofPort = read.port('PROOF_PORT', 8787)
  const kvPort = read.port('KV_PORT', 8788)
  if (proofPort === null && kvPort === null) read.problems.push('PROOF_PORT and KV_PORT are both off: nothing to serve')
  const config: Config = {
    proofPort,
    kvPort,
    host: read.text('HOST', '127.0.0.1'),
    dataDir: resolve(read.text('DATA_DIR', './.data')),
    databaseUrl: read.databaseUrl('DATABASE_URL'),
    proofServiceUrl: read.optionalUrl('PROOF_SERVICE_URL'),
    revalidateAfterSeconds: read.positiveInteger('REVALIDATE_AFTER_SECONDS', 259_200),
    bodyLimitBytes: read.positiveInteger('BODY_LIMIT_BYTES', 1024 * 1024),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    environment: read.text('NODE_ENV', 'development'),
    allowPrivateFetchTargets: read.flag('ALLOW_PRIVATE_FETCH_TARGETS', false),
    trustedProxy: read.optionalAddress('TRUSTED_PROXY'),
    rateLimitPerMinute: read.positiveIntegerOrOff('RATE_LIMIT_PER_MINUTE', 120),
    platforms: readPlatforms(read),
  }
  if (config.proofPort === null && config.kvPort !== null && config.proofServiceUrl === null) {
    read.problems.push('PROOF_SERVICE_URL is required when PROOF_PORT=off (KVService checks bindings there)')
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems)
  return config
}

function readPlatforms(read: EnvReader): PlatformConfig {
  return {
    twitter: {
      apiUrl: read.url('TWITTER_API_URL', 'https://api.twitter.com'),
      bearerToken: read.secret('TWITTER_BEARER_TOKEN'),
    },
    github: { apiUrl: read.url('GITHUB_API_URL', 'https://api.github.com'), token: read.secret('GITHUB_TOKEN') },
    keybase: { urlTemplate: read.urlTemplate('KEYBASE_URL_TEMPLATE', 'https://{username}.keybase.pub') },
    dns: { dohUrl: read.url('DOH_URL', 'https://cloudflare-dns.com/dns-query') },
    discord: {
      apiUrl: read.url('DISCORD_API_URL', 'https://discord.com/api/v10'),
      botToken: read.secret('DISCORD_BOT_TOKEN'),
    },
    dotbit: { apiUrl: read.url('DOTBIT_API_URL', 'https://register-api.did.id') },
    minds: { apiUrl: read.url('MINDS_API_URL', 'https://www.minds.com') },
    steam: { url: read.url('STEAM_URL', 'https://steamcommunity.com') },
    activitypub: { urlTemplate: read.urlTemplate('ACTIVITYPUB_URL_TEMPLATE', 'https://{server}', '{server}') },
  }
}
