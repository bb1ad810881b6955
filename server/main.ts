/**
 * Runs in: Node, as `npm run server` (tsx server/main.ts). Reads the environment (server/config.ts),
 * serves ProofService and KVService, logs JSON lines to stdout, and on SIGINT/SIGTERM stops
 * accepting, finishes requests in flight and closes the database cleanly (a PGlite folder must not
 * be left mid-write). A second signal exits at once.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig } from './config.js'
import { nativeLoadError, secp256k1Backend } from './crypto/secp256k1-backend.js'
import { createLogger } from './http/logger.js'
import { startServer } from './start-server.js'
import { createValidators } from './validators/index.js'
import { summarizePlatforms } from './validators/platform-summary.js'

export { type ServerHandles, startServer } from './start-server.js'

/** The command-line entry: start, print both URLs, stop on a signal. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig(env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exitCode = 1
    return
  }
  const logger = createLogger({ level: config.logLevel, service: 'server' })
  const server = await startServer(config, { logger }).catch((error: unknown) => {
    logger.error('could not start', { error: error instanceof Error ? error.message : String(error) })
    process.exitCode = 1
    return null
  })
  if (!server) return
  if (nativeLoadError !== null) {
    // Everything still works, ~20× slower per signature: say so once, with the reason.
    logger.warn('native libsecp256k1 did not load; signatures are recovered with @noble/curves', {
      error: nativeLoadError,
    })
  }
  logger.info('started', {
    proof_service: server.proofServiceUrl ?? 'off',
    kv_service: server.kvServiceUrl ?? 'off',
    database: server.db.kind === 'pglite' ? `pglite in ${config.dataDir}` : 'postgres',
    secp256k1: secp256k1Backend.name,
  })
  const platforms = summarizePlatforms(createValidators(config))
  logger.info('platforms', {
    verifiable: platforms.verifiable,
    off_until_set: platforms.needsSetting.map(({ platform, setting }) => `${platform}: ${setting}`),
  })
  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1)
    stopping = true
    logger.info('stopping', { signal })
    server.stop().then(
      () => logger.info('stopped'),
      (error: unknown) => {
        logger.error('unclean stop', { error: error instanceof Error ? error.message : String(error) })
        process.exitCode = 1
      },
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main()
}
