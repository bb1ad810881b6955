/**
 * Where a redirect leads, decided before it is followed: at most `maxRedirects` hops, a usable
 * Location, and never from https down to http (which would expose the rest of the exchange, and
 * reach hosts that only listen in the clear). Whether the new target may be reached at all is the
 * caller's address check, made again for every hop.
 */
import { OutboundRefusedError } from './outbound-refused-error.js'

/** The URL hop number `hop` (0-based) of a redirect from `from` leads to; a refusal otherwise. */
export function nextHop(from: URL, location: string | null, hop: number, maxRedirects: number): URL {
  if (hop >= maxRedirects) throw new OutboundRefusedError('redirect', `more than ${maxRedirects} redirects`)
  if (location === null) throw new OutboundRefusedError('redirect', 'a redirect without a location')
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    throw new OutboundRefusedError('redirect', 'a redirect without a usable location')
  }
  if (from.protocol === 'https:' && next.protocol !== 'https:') {
    throw new OutboundRefusedError('redirect', 'a redirect from https to another scheme')
  }
  return next
}
