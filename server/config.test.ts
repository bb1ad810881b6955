import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Config, ConfigError, loadConfig } from './config.js'

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('loadConfig accepted the environment')
}

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    expect(loadConfig({})).toEqual<Config>({
      proofPort: 8787,
      kvPort: 8788,
      host: '127.0.0.1',
      dataDir: resolve('.data'),
      databaseUrl: null,
      proofServiceUrl: null,
      revalidateAfterSeconds: 259_200,
      bodyLimitBytes: 1_048_576,
      logLevel: 'info',
      environment: 'development',
      allowPrivateFetchTargets: false,
      trustedProxy: null,
      rateLimitPerMinute: 120,
      platforms: {
        twitter: { apiUrl: 'https://api.twitter.com', bearerToken: null },
        github: { apiUrl: 'https://api.github.com', token: null },
        keybase: { urlTemplate: 'https://{username}.keybase.pub' },
        dns: { dohUrl: 'https://cloudflare-dns.com/dns-query' },
        discord: { apiUrl: 'https://discord.com/api/v10', botToken: null },
        dotbit: { apiUrl: 'https://register-api.did.id' },
        minds: { apiUrl: 'https://www.minds.com' },
        steam: { url: 'https://steamcommunity.com' },
        activitypub: { urlTemplate: 'https://{server}' },
      },
    })
  })

  it('reads every variable, dropping trailing slashes from base URLs', () => {
    const config = loadConfig({
      PROOF_PORT: '0',
      KV_PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/nextid',
      DATABASE_URL: 'postgresql://u:p@db:5432/nextid',
      PROOF_SERVICE_URL: 'https://proof-service.next.id/',
      REVALIDATE_AFTER_SECONDS: '60',
      BODY_LIMIT_BYTES: '2048',
      LOG_LEVEL: 'WARN',
      NODE_ENV: 'production',
      ALLOW_PRIVATE_FETCH_TARGETS: 'true',
      TRUSTED_PROXY: '10.0.0.2',
      RATE_LIMIT_PER_MINUTE: 'off',
      TWITTER_API_URL: 'http://127.0.0.1:9999/twitter/',
      TWITTER_BEARER_TOKEN: 'bearer',
      GITHUB_API_URL: 'http://sim/github',
      GITHUB_TOKEN: 'ghp',
      KEYBASE_URL_TEMPLATE: 'http://sim/keybase/{username}/',
      DOH_URL: 'http://sim/dns-query',
      DISCORD_API_URL: 'http://sim/discord',
      DISCORD_BOT_TOKEN: 'bot',
      DOTBIT_API_URL: 'http://sim/dotbit',
      MINDS_API_URL: 'http://sim/minds',
      STEAM_URL: 'http://sim/steam',
      ACTIVITYPUB_URL_TEMPLATE: 'http://sim/activitypub/{server}/',
    })
    expect(config).toMatchObject({
      proofPort: 0,
      kvPort: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/nextid',
      databaseUrl: 'postgresql://u:p@db:5432/nextid',
      proofServiceUrl: 'https://proof-service.next.id',
      revalidateAfterSeconds: 60,
      bodyLimitBytes: 2048,
      logLevel: 'warn',
      environment: 'production',
      allowPrivateFetchTargets: true,
      trustedProxy: '10.0.0.2',
      rateLimitPerMinute: null,
    })
    expect(config.platforms).toEqual({
      twitter: { apiUrl: 'http://127.0.0.1:9999/twitter', bearerToken: 'bearer' },
      github: { apiUrl: 'http://sim/github', token: 'ghp' },
      keybase: { urlTemplate: 'http://sim/keybase/{username}' },
      dns: { dohUrl: 'http://sim/dns-query' },
      discord: { apiUrl: 'http://sim/discord', botToken: 'bot' },
      dotbit: { apiUrl: 'http://sim/dotbit' },
      minds: { apiUrl: 'http://sim/minds' },
      steam: { url: 'http://sim/steam' },
      activitypub: { urlTemplate: 'http://sim/activitypub/{server}' },
    })
  })

  it('turns a service off with "off", and treats empty values as unset', () => {
    expect(loadConfig({ KV_PORT: 'off', PROOF_PORT: '', DATABASE_URL: ' ' })).toMatchObject({
      proofPort: 8787,
      kvPort: null,
      databaseUrl: null,
    })
    expect(loadConfig({ PROOF_PORT: 'OFF', PROOF_SERVICE_URL: 'https://proof-service.next.id' })).toMatchObject({
      proofPort: null,
      kvPort: 8788,
    })
  })

  it.each([
    [{ PROOF_PORT: 'abc' }, 'PROOF_PORT expected a port number 0..65535 or "off", got "abc"'],
    [{ KV_PORT: '65536' }, 'KV_PORT expected a port number 0..65535 or "off", got "65536"'],
    [{ KV_PORT: '-1' }, 'KV_PORT expected a port number 0..65535 or "off", got "-1"'],
    [{ BODY_LIMIT_BYTES: '0' }, 'BODY_LIMIT_BYTES expected a positive integer, got "0"'],
    [{ REVALIDATE_AFTER_SECONDS: '3d' }, 'REVALIDATE_AFTER_SECONDS expected a positive integer, got "3d"'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL expected one of debug, info, warn, error, silent, got "verbose"'],
    [{ ALLOW_PRIVATE_FETCH_TARGETS: 'maybe' }, 'ALLOW_PRIVATE_FETCH_TARGETS expected true or false, got "maybe"'],
    [{ TRUSTED_PROXY: 'proxy.local' }, 'TRUSTED_PROXY expected an IP address, got "proxy.local"'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE expected a positive integer, got "0"'],
    [{ TWITTER_API_URL: 'api.twitter.com' }, 'TWITTER_API_URL expected an http(s) URL, got "api.twitter.com"'],
    [{ DOH_URL: 'ftp://dns.example' }, 'DOH_URL expected an http(s) URL, got "ftp://dns.example"'],
    [{ PROOF_SERVICE_URL: 'http://' }, 'PROOF_SERVICE_URL expected an http(s) URL, got "http://"'],
    [
      { KEYBASE_URL_TEMPLATE: 'https://keybase.pub/alice' },
      'KEYBASE_URL_TEMPLATE expected an http(s) URL containing {username}, got "https://keybase.pub/alice"',
    ],
    [
      { ACTIVITYPUB_URL_TEMPLATE: 'https://{username}' },
      'ACTIVITYPUB_URL_TEMPLATE expected an http(s) URL containing {server}, got "https://{username}"',
    ],
    [{ PROOF_PORT: 'off', KV_PORT: 'off' }, 'PROOF_PORT and KV_PORT are both off: nothing to serve'],
    [{ PROOF_PORT: 'off' }, 'PROOF_SERVICE_URL is required when PROOF_PORT=off (KVService checks bindings there)'],
  ])('refuses %j naming the variable', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem])
  })

  it('never echoes DATABASE_URL, which may carry a password', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toEqual([
      'DATABASE_URL expected a postgres:// or postgresql:// URL',
    ])
  })

  it('reports every problem at once in one startup error', () => {
    expect(() => loadConfig({ PROOF_PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
      new ConfigError([
        'PROOF_PORT expected a port number 0..65535 or "off", got "x"',
        'LOG_LEVEL expected one of debug, info, warn, error, silent, got "loud"',
      ]),
    )
    expect(() => loadConfig({ PROOF_PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
      'invalid configuration: PROOF_PORT expected a port number 0..65535 or "off", got "x"; LOG_LEVEL expected one of debug, info, warn, error, silent, got "loud"',
    )
  })
})
