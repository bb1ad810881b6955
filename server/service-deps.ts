/**
 * What every route of either service receives. A route module is one file per endpoint exporting a
 * Route that registers itself on the app; each service lists its routes in `routes/index.ts`.
 */
import type { Hono } from 'hono'
import type { Config } from './config.js'
import type { Database } from './db/database.js'
import type { Logger } from './http/logger.js'

/** Reported by /healthz (§4.3, §9.1). */
export type BuildInfo = {
  /** Git commit of the running code, or `unknown`. */
  revision: string
  /** Unix seconds, as a decimal string. */
  builtAt: string
}

export type ServiceDeps = {
  config: Config
  db: Database
  logger: Logger
  build: BuildInfo
}

/** Registers one endpoint (or a few closely related ones) on a service's app. */
export type Route<Deps extends ServiceDeps> = (app: Hono, deps: Deps) => void
