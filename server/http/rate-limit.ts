/**
 * A per-client limit on the requests that write or make the server fetch — every POST of both
 * services (proofs, payloads, KV writes, key restores). A token bucket per client: `perMinute`
 * requests in a burst, refilled evenly over the minute; past it, 429 with Retry-After. Reads are
 * not limited. Buckets of the least recent clients are dropped beyond `maxClients`, so memory
 * stays bounded whatever the number of addresses.
 */
import type { MiddlewareHandler } from 'hono'
import { clientAddressOf } from './client-address.js'

export type RateLimitOptions = {
  /** null = no limit (RATE_LIMIT_PER_MINUTE=off). */
  perMinute: number | null
  trustedProxy: string | null
}

type Bucket = { tokens: number; at: number }

const MAX_CLIENTS = 100_000

/** The middleware; `now` is injectable so the refill can be tested without waiting. */
export function rateLimit(options: RateLimitOptions, now: () => number = Date.now): MiddlewareHandler {
  const { perMinute } = options
  const buckets = new Map<string, Bucket>()
  return async (c, next) => {
    if (perMinute === null || c.req.method !== 'POST') return next()
    const client = clientAddressOf(c, options.trustedProxy)
    // No socket, no client: an in-process call (tests, the server calling itself).
    if (client === undefined) return next()
    const at = now()
    const previous = buckets.get(client)
    const refilled = previous
      ? Math.min(perMinute, previous.tokens + ((at - previous.at) * perMinute) / 60_000)
      : perMinute
    buckets.delete(client)
    if (refilled < 1) {
      buckets.set(client, { tokens: refilled, at })
      const retryAfter = Math.ceil(((1 - refilled) * 60_000) / perMinute / 1000)
      return c.json({ message: 'too many requests from this address; retry later' }, 429, {
        'Retry-After': String(retryAfter),
      })
    }
    buckets.set(client, { tokens: refilled - 1, at })
    if (buckets.size > MAX_CLIENTS) buckets.delete(buckets.keys().next().value as string)
    return next()
  }
}
