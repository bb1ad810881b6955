/**
 * Runs in: tests (Node). The shape every simulated platform exports, so the combined simulator
 * (index.ts) can mount it, expose its state and point the server's validators at it.
 */
import type { Hono } from 'hono'
import type { PlatformConfig } from '../../server/config.js'

export type SimulatedPlatform<State> = {
  /** Where the combined app mounts this platform, e.g. `/twitter`. */
  prefix: string
  app: Hono
  /** The typed API tests use to "publish" posts, delete them and switch failure modes on. */
  state: State
  /** PlatformConfig entries pointing the validator at this platform mounted at `mountUrl` (no trailing slash). */
  config(mountUrl: string): Partial<PlatformConfig>
}
