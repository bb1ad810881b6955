/**
 * CORS for browser callers (the extension, dApps) per §15 #19: every response allows any origin,
 * errors and 404s included, and a preflight gets 204 without reaching any route. The allowed
 * headers and methods are KVService's (§9.1), sent on every response as it does.
 */
import type { MiddlewareHandler } from 'hono'

export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token',
} as const

/** Answers OPTIONS with 204 and adds the CORS headers to every other response. */
export function cors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, { ...CORS_HEADERS, 'Access-Control-Max-Age': '86400' })
    }
    await next()
    try {
      setHeaders(c.res.headers)
    } catch {
      // A Response built elsewhere (e.g. passed through from fetch) has immutable headers.
      c.res = new Response(c.res.body, c.res)
      setHeaders(c.res.headers)
    }
  }
}

function setHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value)
}
