/**
 * Runs in: tests (Node). Cloudflare's DNS-over-HTTPS JSON API (platforms.md §3.3): TXT `data` in
 * presentation form (each character-string in literal quotes, several separated by a space),
 * NXDOMAIN as HTTP 200 with `Status: 3` and no `Answer`, and HTTP 400 for a malformed request.
 */
import { Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

const TXT = 16
const SOA_DATA = 'ns1.example.net. hostmaster.example.net. 2024011801 10000 2400 604800 1800'

/** The simulated DNS zone: TXT records by domain, and a switch for server failures. */
export class DnsState {
  /** When set, every request gets this HTTP status (e.g. 503) and no JSON. */
  failWithStatus: number | null = null
  /** When set, every lookup answers with this DNS RCODE (e.g. 2 = SERVFAIL) and no records. */
  failWithRcode: number | null = null
  /** Query strings of the requests received, oldest first. */
  readonly requests: string[] = []
  /** Domain (lowercase, no trailing dot) → its TXT records, each a list of character-strings. */
  readonly #zone = new Map<string, string[][]>()

  /** Adds one TXT record; several strings make one record split as RFC 1035 §3.3.14 allows. */
  addTxt(domain: string, ...strings: string[]): void {
    const records = this.#zone.get(canonical(domain)) ?? []
    records.push(strings.length === 0 ? [''] : strings)
    this.#zone.set(canonical(domain), records)
  }

  /** Makes a domain exist with no TXT record (NOERROR, no Answer). */
  addDomain(domain: string): void {
    if (!this.#zone.has(canonical(domain))) this.#zone.set(canonical(domain), [])
  }

  /** Removes a domain and its records: it then answers NXDOMAIN. */
  removeDomain(domain: string): void {
    this.#zone.delete(canonical(domain))
  }

  /** The TXT records of a domain, or undefined when it does not exist. */
  txt(domain: string): string[][] | undefined {
    return this.#zone.get(canonical(domain))
  }
}

/** The simulated resolver; mount it at `/doh` and use `<mount>/dns-query` as DOH_URL. */
export function createDohSimulator(): SimulatedPlatform<DnsState> {
  const state = new DnsState()
  const app = new Hono()
  app.get('/dns-query', (c) => {
    state.requests.push(new URL(c.req.url).search)
    if (state.failWithStatus !== null) return c.text('upstream failure', state.failWithStatus as 500)
    const name = c.req.query('name')
    const type = c.req.query('type') ?? 'A'
    const wantsJson =
      (c.req.header('accept') ?? '').includes('application/dns-json') || c.req.query('ct') === 'application/dns-json'
    if (!wantsJson || !name || !isDomainName(name)) return c.json({ error: 'Invalid query name' }, 400)
    if (type !== 'TXT' && type !== '16') return c.json({ error: 'Invalid query type' }, 400)
    c.header('content-type', 'application/dns-json')
    return c.json(answer(state, name))
  })
  return {
    prefix: '/doh',
    app,
    state,
    config: (mountUrl) => ({ dns: { dohUrl: `${mountUrl}/dns-query` } }),
  }
}

function answer(state: DnsState, name: string): object {
  const question = [{ name: canonical(name), type: TXT }]
  const header = { TC: false, RD: true, RA: true, AD: false, CD: false, Question: question }
  if (state.failWithRcode !== null) return { Status: state.failWithRcode, ...header }
  const records = state.txt(name)
  const authority = [{ name: canonical(name).split('.').slice(-2).join('.'), type: 6, TTL: 1800, data: SOA_DATA }]
  if (records === undefined) return { Status: 3, ...header, Authority: authority }
  if (records.length === 0) return { Status: 0, ...header, Authority: authority }
  const Answer = records.map((strings) => ({ name: canonical(name), type: TXT, TTL: 300, data: presentation(strings) }))
  return { Status: 0, ...header, Answer }
}

// RFC 1035 §5.1 presentation form: each string quoted, `"` and `\` escaped, strings separated by a space.
function presentation(strings: string[]): string {
  return strings.map((part) => `"${part.replace(/["\\]/g, (char) => `\\${char}`)}"`).join(' ')
}

function canonical(domain: string): string {
  return domain.toLowerCase().replace(/\.$/, '')
}

function isDomainName(name: string): boolean {
  return (
    name.length <= 253 &&
    canonical(name)
      .split('.')
      .every((label) => /^[a-z0-9_-]{1,63}$/i.test(label))
  )
}
