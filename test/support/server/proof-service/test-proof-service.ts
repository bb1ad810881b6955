/**
 * Test helper: a ProofService app on a fresh migrated database (PGlite unless a driver is given),
 * with the ethereum and solana validators unless others are given, and JSON request helpers.
 */
import type { Hono } from 'hono'
import type { Config } from '../../../../server/config.js'
import type { Database } from '../../../../server/db/database.js'
import { migrate } from '../../../../server/db/migrate.js'
import { createProofServiceApp, type ProofServiceDeps } from '../../../../server/proof-service/app.js'
import { createProofServiceRuntime } from '../../../../server/proof-service/proof-service-runtime.js'
import { createEthereumValidator } from '../../../../server/validators/ethereum.js'
import { createSolanaValidator } from '../../../../server/validators/solana.js'
import type { Validator, ValidatorContext } from '../../../../server/validators/validator.js'
import { openTestPglite, type TestDatabase, type TestDriver } from '../db/test-databases.js'
import { testDeps } from '../test-deps.js'

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
export type AnyJson = any

export type TestProofService = {
  app: Hono
  db: Database
  deps: ProofServiceDeps
  database: TestDatabase
  /** Sends a request; `body` is JSON-encoded unless it is already a string. */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: AnyJson }>
  dispose(): Promise<void>
}

export type TestProofServiceOptions = {
  driver?: TestDriver
  /** Another handle on an existing database (a second "process"); not disposed here. */
  database?: TestDatabase
  db?: Database
  validators?: readonly Validator[]
  context?: ValidatorContext
  config?: Partial<Config>
}

/** Opens a database (or reuses one), migrates it and builds the app. */
export async function openTestProofService(options: TestProofServiceOptions = {}): Promise<TestProofService> {
  const database = options.database ?? (await (options.driver?.open() ?? openTestPglite()))
  const db = options.db ?? database.db
  await migrate(db)
  const base = testDeps({ db })
  const deps: ProofServiceDeps = {
    ...base,
    config: { ...base.config, ...options.config },
    ...createProofServiceRuntime(
      { ...base, config: { ...base.config, ...options.config } },
      options.validators ?? [createEthereumValidator(), createSolanaValidator()],
      options.context,
    ),
  }
  const app = createProofServiceApp(deps)
  const owned = options.database === undefined
  return {
    app,
    db,
    deps,
    database,
    call: (method, path, body) => callApp(app, method, path, body),
    dispose: async () => {
      await deps.revalidation.close()
      if (owned) await database.dispose()
    },
  }
}

/** One request through `app.request()`, answered as status and parsed JSON. */
export async function callApp(
  app: Hono,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: AnyJson }> {
  const init: RequestInit = { method }
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
  const res = await app.request(path, init)
  const text = await res.text()
  return { status: res.status, json: JSON.parse(text) as AnyJson }
}
