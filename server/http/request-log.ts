/** One JSON log line per request: `{"time","level","service","method","path","status","ms"}`. */
import type { MiddlewareHandler } from 'hono'
import type { Logger } from './logger.js'

/** Logs each finished request; 5xx answers at level error, the rest at info. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const status = c.res.status
    logger.log(status >= 500 ? 'error' : 'info', {
      method: c.req.method,
      // The path only: query strings may carry identities and keys.
      path: c.req.path,
      status,
      ms: Math.round(performance.now() - started),
    })
  }
}
