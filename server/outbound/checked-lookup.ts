/**
 * The DNS step of a connection to a request-named host: the name is resolved once, every address
 * must be public, and the socket connects to exactly those addresses. Because the check happens
 * inside the connection's own lookup there is no second lookup an attacker's DNS could answer
 * differently (DNS rebinding).
 */

import type { LookupAddress, LookupOptions } from 'node:dns'
import { lookup as dnsLookup } from 'node:dns/promises'
import { OutboundRefusedError } from './outbound-refused-error.js'
import { isPublicAddress } from './public-address.js'

/** Resolves a host name to all its addresses; injected by tests to play a hostile DNS. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void

/**
 * A `lookup` for net/tls.connect that refuses names with any non-public address, unless
 * `allowPrivate` (local development) lets them through.
 */
export function createCheckedLookup(resolve: Resolver, allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (all) => {
        const wanted = all.filter((entry) => !options.family || entry.family === options.family)
        if (wanted.length === 0) {
          return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), [])
        }
        if (!allowPrivate && !wanted.every((entry) => isPublicAddress(entry.address))) {
          return callback(new OutboundRefusedError('not-public', `${hostname} resolves to a non-public address`), [])
        }
        if (options.all) return callback(null, wanted)
        const [first] = wanted as [LookupAddress]
        return callback(null, first.address, first.family)
      },
      (error: Error) => callback(error, []),
    )
  }
}
