/**
 * Test helper: a service app with the shared middleware and a few routes that exercise it, plus a
 * logger that records its lines instead of printing them.
 */
import type { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { createServiceApp } from '../../../../server/http/create-service-app.js'
import { HttpError } from '../../../../server/http/http-error.js'
import { createLogger, type Logger } from '../../../../server/http/logger.js'
import { readJsonBody } from '../../../../server/http/read-json-body.js'
import { InvalidInputError } from '../../../../src/errors.js'

export type RecordingLogger = Logger & { lines: Record<string, unknown>[] }

/** A debug-level logger that keeps every line, parsed. */
export function createRecordingLogger(service = 'test-service'): RecordingLogger {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ level: 'debug', service, write: (line) => lines.push(JSON.parse(line)) })
  return Object.assign(logger, { lines })
}

/** The shared middleware with routes that succeed, throw each kind of error, and echo JSON bodies. */
export function createTestApp(options: { notFound: 'json' | 'text'; bodyLimitBytes?: number; logger?: Logger }): Hono {
  const app = createServiceApp({
    logger: options.logger ?? createRecordingLogger(),
    bodyLimitBytes: options.bodyLimitBytes ?? 1024,
    notFound: options.notFound,
    rateLimit: { perMinute: null, trustedProxy: null },
  })
  app.get('/ok', (c) => c.json({ ok: true }))
  app.get('/http-error', () => {
    throw new HttpError(409, 'already there')
  })
  app.get('/invalid-input', () => {
    throw new InvalidInputError('public_key', 'expected 33 or 65 bytes, got 31')
  })
  app.get('/hono-exception', () => {
    throw new HTTPException(401, { message: 'no entry' })
  })
  app.get('/crash', () => {
    throw new Error('secret detail at /srv/app.ts:12')
  })
  // Response.redirect has immutable headers, like a Response passed through from fetch().
  app.get('/redirect', () => Response.redirect('https://example.com/', 302))
  app.post('/echo', async (c) => {
    const body = await readJsonBody(c)
    return c.json(body)
  })
  return app
}
