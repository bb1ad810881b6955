/**
 * Runs in: tests (Node), Playwright and Vitest alike (no test-runner imports here). A local
 * ProofService on PGlite, KV off, whose platform validators read a fresh platform simulator.
 * e2e/local-services.ts and test/support/extension/flow-context.ts wrap it in hooks.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/config.js'
import { type ServerHandles, startServer } from '../../server/start-server.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../platform-simulator/index.js'

/** What a test reads: the server's URLs and the simulator's state (add users, posts, TXT records). */
export type LocalServiceHandles = { readonly server: ServerHandles; readonly simulator: RunningPlatformSimulator }

export type LocalServices = LocalServiceHandles & {
  /** Stops the server and the simulator and deletes the data folder. */
  stop(): Promise<void>
}

/** Starts the simulator, then the server in a new temporary data folder pointed at it. */
export async function startLocalServices(): Promise<LocalServices> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-local-services-'))
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true })
  let simulator: RunningPlatformSimulator | undefined
  try {
    simulator = await startPlatformSimulator()
    // Test files run dozens of flows in seconds from one address: the per-client limit is not under test here.
    const env = {
      PROOF_PORT: '0',
      KV_PORT: 'off',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: 'off',
    }
    const server = await startServer({ ...loadConfig(env), platforms: simulator.config })
    const running = simulator
    return {
      server,
      simulator: running,
      async stop() {
        await server.stop()
        await running.stop()
        removeDataDir()
      },
    }
  } catch (error) {
    // A half-started pair would keep a port open and the folder on disk after the failed hook.
    await simulator?.stop()
    removeDataDir()
    throw error
  }
}

/**
 * Handles that read whatever `current()` holds when a test uses them, so a spec can take them at
 * module level from a hook helper that starts the services later.
 */
export function lazyHandles(current: () => LocalServices | undefined): LocalServiceHandles {
  const started = () => {
    const services = current()
    if (!services) throw new Error('the local services are not running: use them inside a test or hook')
    return services
  }
  return {
    get server() {
      return started().server
    },
    get simulator() {
      return started().simulator
    },
  }
}
