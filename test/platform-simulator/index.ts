/**
 * Runs in: tests (Node). One fake of every platform the validators call, each in its real wire
 * format (platforms.md §3), mounted under its own prefix of a single Hono app.
 *
 * Add a platform: one import and one entry in `createPlatforms()`.
 */
import { Hono } from 'hono'
import { loadConfig, type PlatformConfig } from '../../server/config.js'
import { listen } from '../../server/listen.js'
import { createActivityPubSimulator } from './activitypub.js'
import { createDiscordSimulator } from './discord.js'
import { createDohSimulator } from './doh.js'
import { createDotbitSimulator } from './dotbit.js'
import { createGithubSimulator } from './github.js'
import { createKeybaseSimulator } from './keybase.js'
import { createMindsSimulator } from './minds.js'
import { createSteamSimulator } from './steam.js'
import { createTwitterSimulator } from './twitter.js'

function createPlatforms() {
  return {
    twitter: createTwitterSimulator(),
    github: createGithubSimulator(),
    dns: createDohSimulator(),
    keybase: createKeybaseSimulator(),
    discord: createDiscordSimulator(),
    dotbit: createDotbitSimulator(),
    minds: createMindsSimulator(),
    steam: createSteamSimulator(),
    activitypub: createActivityPubSimulator(),
  }
}

type Platforms = ReturnType<typeof createPlatforms>
export type PlatformSimulatorState = { [K in keyof Platforms]: Platforms[K]['state'] }

export type PlatformSimulator = {
  app: Hono
  state: PlatformSimulatorState
  /** The default PlatformConfig with every simulated platform pointed at the simulator served at `baseUrl`. */
  configFor(baseUrl: string): PlatformConfig
  /** A fetch answered in process by `app`, for a ValidatorContext (with `configFor(IN_PROCESS_URL)`). */
  fetch: typeof globalThis.fetch
}

/** The base URL to pair with the in-process `fetch`; it is never resolved or dialled. */
export const IN_PROCESS_URL = 'http://platform-simulator.invalid'

/** Builds the combined simulator app (for `app.request()` or an injected fetch). */
export function createPlatformSimulator(): PlatformSimulator {
  const platforms = createPlatforms()
  const app = new Hono()
  const state = {} as Record<string, unknown>
  for (const [name, platform] of Object.entries(platforms)) {
    app.route(platform.prefix, platform.app)
    state[name] = platform.state
  }
  const configFor = (baseUrl: string): PlatformConfig =>
    Object.assign(
      loadConfig({}).platforms,
      ...Object.values(platforms).map((platform) => platform.config(`${baseUrl}${platform.prefix}`)),
    )
  const fetch: typeof globalThis.fetch = async (input, init) =>
    app.request(input instanceof Request ? input : String(input), init)
  return { app, state: state as PlatformSimulatorState, configFor, fetch }
}

export type RunningPlatformSimulator = {
  /** e.g. `http://127.0.0.1:40123`, no trailing slash. */
  url: string
  state: PlatformSimulatorState
  /** The PlatformConfig pointing at this running simulator. */
  config: PlatformConfig
  stop(): Promise<void>
}

/** Serves the simulator over real HTTP on 127.0.0.1, on a free port. */
export async function startPlatformSimulator(): Promise<RunningPlatformSimulator> {
  const simulator = createPlatformSimulator()
  const listening = await listen(simulator.app, '127.0.0.1', 0, 1_000)
  return {
    url: listening.url,
    state: simulator.state,
    config: simulator.configFor(listening.url),
    stop: () => listening.close(),
  }
}
