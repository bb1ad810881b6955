/**
 * The site an origin belongs to, for the approval caps (approval-queue.ts): the last two labels of
 * its host; an IP address or a one-label host stands alone. Without the public suffix list this
 * puts, say, every *.co.uk origin in one site — which only makes a cap stricter, never looser, and
 * keeps a page hopping through subdomains of its own domain inside one site's cap.
 */
export function siteOf(origin: string): string {
  const host = new URL(origin).hostname
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return host
  return host.split('.').slice(-2).join('.')
}
