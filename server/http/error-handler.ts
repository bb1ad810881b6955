/**
 * The single place where errors become HTTP answers, for both services: deliberate errors keep
 * their status and message; anything unexpected is logged and answered `500 internal error`,
 * never with a stack or an internal message.
 */
import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { InvalidInputError } from '../../src/errors.js'
import { HttpError } from './http-error.js'
import type { Logger } from './logger.js'

/** Maps HttpError → its status, InvalidInputError → 400, Hono's HTTPException → its status, else 500. */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof HttpError) {
      if (error.status >= 500) logger.error(error.message, { method: c.req.method, path: c.req.path })
      return c.json({ message: error.message }, error.status)
    }
    if (error instanceof InvalidInputError) return c.json({ message: error.message }, 400)
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ message: error.message || 'bad request' }, error.status)
    }
    logger.error('internal error', { method: c.req.method, path: c.req.path, error: describeError(error) })
    return c.json({ message: 'internal error' }, 500)
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
}
