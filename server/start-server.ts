/**
 * Starts what the configuration asks for — database, migrations, ProofService and/or KVService —
 * and returns handles to stop it all gracefully. Used by main.ts and by tests in process.
 */

import { readBuildInfo } from './build-info.js'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import { migrate } from './db/migrate.js'
import { openDatabase } from './db/open-database.js'
import { createLogger, type Logger } from './http/logger.js'
import { createKvServiceApp } from './kv-service/app.js'
import { type Listening, listen } from './listen.js'
import { createProofServiceApp } from './proof-service/app.js'
import { createProofServiceRuntime } from './proof-service/proof-service-runtime.js'
import type { RevalidationQueue } from './proof-service/revalidation-queue.js'
import type { BuildInfo } from './service-deps.js'
import { createValidators } from './validators/index.js'

export type ServerHandles = {
  /** null when that service is off. */
  proofServiceUrl: string | null
  kvServiceUrl: string | null
  db: Database
  /** Stops accepting, lets requests in flight finish, then closes the database. Idempotent. */
  stop(): Promise<void>
}

export type StartOptions = { logger?: Logger; build?: BuildInfo }

/** Opens and migrates the database, then serves each enabled service on its port. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<ServerHandles> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, service: 'server' })
  const db = await openDatabase(config, {
    onIdleError: (error) => logger.error('database connection lost', { error: error.message }),
  })
  const servers: Listening[] = []
  let revalidation: RevalidationQueue | undefined
  try {
    await migrate(db)
    const deps = { config, db, logger, build: options.build ?? readBuildInfo(process.env) }
    const proofRuntime = createProofServiceRuntime(deps, createValidators(config))
    revalidation = proofRuntime.revalidation
    const proof = await maybeListen(config.proofPort, config, () => createProofServiceApp({ ...deps, ...proofRuntime }))
    if (proof) servers.push(proof)
    const proofServiceUrl = config.proofServiceUrl ?? proof?.url
    const kv = await maybeListen(config.kvPort, config, () => {
      if (proofServiceUrl === undefined) throw new Error('KVService needs PROOF_SERVICE_URL when PROOF_PORT=off')
      // The ProofService in this process shares the database: ask it there, in one indexed lookup.
      return createKvServiceApp({
        ...deps,
        proofServiceUrl,
        ...(config.proofServiceUrl === null && { proofServiceDb: db }),
      })
    })
    if (kv) servers.push(kv)
    let stopping: Promise<void> | undefined
    return {
      proofServiceUrl: proof?.url ?? null,
      kvServiceUrl: kv?.url ?? null,
      db,
      stop: () => {
        stopping ??= stopAll(servers, db, proofRuntime.revalidation)
        return stopping
      },
    }
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.close()))
    await revalidation?.close()
    await db.close()
    throw error
  }
}

// The database closes even when a server fails to close, so PGlite's folder is always left clean;
// background revalidations still running finish first.
async function stopAll(servers: readonly Listening[], db: Database, revalidation: RevalidationQueue): Promise<void> {
  const closed = await Promise.allSettled(servers.map((server) => server.close()))
  await revalidation.close()
  await db.close()
  const failure = closed.find((result) => result.status === 'rejected')
  if (failure) throw failure.reason
}

function maybeListen(
  port: number | null,
  config: Config,
  createApp: () => Parameters<typeof listen>[0],
): Promise<Listening | null> {
  return port === null ? Promise.resolve(null) : listen(createApp(), config.host, port)
}
