/**
 * The Hono app both services start from: request log, CORS, rate limit, body limit, one error mapping and the
 * service's not-found answer. Routes are added on top, one module per endpoint.
 */
import { Hono } from 'hono'
import { bodyLimit } from './body-limit.js'
import { cors } from './cors.js'
import { createErrorHandler } from './error-handler.js'
import type { Logger } from './logger.js'
import { jsonNotFound, textNotFound } from './not-found.js'
import { type RateLimitOptions, rateLimit } from './rate-limit.js'
import { requestLog } from './request-log.js'

export type ServiceAppOptions = {
  logger: Logger
  bodyLimitBytes: number
  /** ProofService answers unknown paths with JSON, KVService with plain text (§9.1). */
  notFound: 'json' | 'text'
  rateLimit: RateLimitOptions
}

/** A Hono app with the shared middleware installed and no routes yet. */
export function createServiceApp(options: ServiceAppOptions): Hono {
  const app = new Hono()
  app.use('*', requestLog(options.logger), cors(), rateLimit(options.rateLimit), bodyLimit(options.bodyLimitBytes))
  app.onError(createErrorHandler(options.logger))
  app.notFound(options.notFound === 'json' ? jsonNotFound : textNotFound)
  return app
}
