/**
 * Who a request comes from, for the rate limit: the socket's peer address, or — only when that
 * peer is the operator's TRUSTED_PROXY — the last address in X-Forwarded-For (the one the proxy
 * itself added; everything before it is whatever the client claimed). IPv6 clients count per
 * /64, the block one subscriber usually holds, so one machine cannot be many clients.
 */
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import ipaddr from 'ipaddr.js'

/** The client's key, or undefined for a request with no socket (an in-process call). */
export function clientAddressOf(c: Context, trustedProxy: string | null): string | undefined {
  const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress
  if (peer === undefined) return undefined
  const client = normalize(peer)
  if (trustedProxy === null || client !== normalize(trustedProxy)) return client
  const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() ?? ''
  return ipaddr.isValid(forwarded) ? normalize(forwarded) : client
}

function normalize(address: string): string {
  if (!ipaddr.isValid(address)) return address
  const parsed = ipaddr.process(address)
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16))
  return `${parts.join(':')}::/64`
}
