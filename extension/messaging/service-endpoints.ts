/**
 * The service endpoints a user can pick in settings, and the one rule for a custom service URL —
 * shared by the popup (which words the problem for the user) and the background (which refuses
 * a bad settings patch), so the two can never disagree.
 */
import type { ServiceEndpoints } from './catalogue.js'

export type PresetId = 'production' | 'staging' | 'local'

/** The endpoint presets the settings screen offers (PRODUCT.md); production is the default. */
export const ENDPOINT_PRESETS: Record<PresetId, ServiceEndpoints> = {
  production: { proofServiceUrl: 'https://proof-service.next.id', kvServiceUrl: 'https://kv-service.next.id' },
  staging: { proofServiceUrl: 'https://proof-service.nextnext.id', kvServiceUrl: 'https://kv-service.nextnext.id' },
  local: { proofServiceUrl: 'http://127.0.0.1:8787', kvServiceUrl: 'http://127.0.0.1:8788' },
}

/** Cloudflare's DNS-over-HTTPS JSON endpoint: the resolver Next.ID's service reads TXT records from (platforms.md §3.3). */
export const DEFAULT_DNS_RESOLVER_URL = 'https://cloudflare-dns.com/dns-query'

/** The preset these endpoints are, or 'custom'. */
export function presetOf(endpoints: ServiceEndpoints): PresetId | 'custom' {
  for (const [id, preset] of Object.entries(ENDPOINT_PRESETS) as [PresetId, ServiceEndpoints][]) {
    if (preset.proofServiceUrl === endpoints.proofServiceUrl && preset.kvServiceUrl === endpoints.kvServiceUrl)
      return id
  }
  return 'custom'
}

export type UrlProblem = 'empty' | 'not-a-url' | 'scheme' | 'credentials' | 'query'

/**
 * A service base URL as the clients want it (no trailing slash), or why it cannot be one: http(s)
 * only, no user:password, no query or fragment (the clients append paths such as /v1/proof).
 */
export function checkServiceUrl(value: string): { ok: true; url: string } | { ok: false; problem: UrlProblem } {
  const text = value.trim()
  if (text === '') return { ok: false, problem: 'empty' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, problem: 'not-a-url' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme' }
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' }
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#'))
    return { ok: false, problem: 'query' }
  return { ok: true, url: url.href.replace(/\/+$/, '') }
}
