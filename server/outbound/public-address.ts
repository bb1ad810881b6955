/**
 * Which IP addresses a request-named host may resolve to: only global unicast. Loopback, private,
 * link-local (cloud metadata), CGNAT, unique-local, multicast, unspecified, reserved, and the IPv6
 * forms that carry an IPv4 address inside (IPv4-mapped, NAT64, 6to4, Teredo) are all refused, so
 * no name or redirect can point the server at itself or its neighbours.
 */
import ipaddr from 'ipaddr.js'

/** True when `address` (IPv4 or IPv6 text) is a global unicast address; false for anything else. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped loopback is judged as loopback.
  return ipaddr.process(address).range() === 'unicast'
}

/** The address inside a URL host (`[::1]` → `::1`), or undefined when the host is a name. */
export function ipLiteralOf(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
  return ipaddr.isValid(bare) ? bare : undefined
}
