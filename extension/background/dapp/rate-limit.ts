/** A per-key sliding-window limit: at most `limit` calls per `windowMs` (dApp requests per origin). */

export type RateLimiter = { allow(key: string): boolean }

/** A limiter keeping the recent call times per key in memory. */
export function createRateLimiter(limit: number, windowMs: number, now: () => number): RateLimiter {
  const calls = new Map<string, number[]>()
  return {
    allow(key) {
      const time = now()
      const recent = (calls.get(key) ?? []).filter((at) => time - at < windowMs)
      const allowed = recent.length < limit
      if (allowed) recent.push(time)
      if (recent.length === 0) calls.delete(key)
      else calls.set(key, recent)
      return allowed
    },
  }
}
