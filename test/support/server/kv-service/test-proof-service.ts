/**
 * Test helper: a stand-in for a ProofService across the internet (Next.ID's own, say), answering
 * GET /v1/proof?platform=nextid&identity=… in the real §4.6 wire format, 40 proof rows per page,
 * each page carrying only its own rows. Other requests answer as the reference would not: 404.
 */
import { Hono } from 'hono'
import type { FetchFunction } from '../../../../src/client/index.js'

export type FakeBinding = { platform: string; identity: string; isValid?: boolean }

export type FakeProofService = {
  fetch: FetchFunction
  /** Every URL asked, in order. */
  requests: string[]
}

const PER = 40
const SOME_TIME = '1643099438'

/** Serves the given bindings, keyed by avatar (`0x` + compressed), like `GET /v1/proof`. */
export function createFakeProofService(bindings: Record<string, readonly FakeBinding[]>): FakeProofService {
  const requests: string[] = []
  const app = new Hono()
  app.get('/v1/proof', (c) => {
    const avatar = c.req.query('identity') ?? ''
    const rows = c.req.query('platform') === 'nextid' ? (bindings[avatar] ?? []) : []
    const current = Math.max(1, Number(c.req.query('page') ?? '1'))
    const pageRows = rows.slice((current - 1) * PER, current * PER)
    const ids = pageRows.length === 0 ? [] : [avatarEntry(avatar, pageRows)]
    const next = rows.length > current * PER ? current + 1 : 0
    return c.json({ pagination: { total: rows.length, per: PER, current, next }, ids })
  })
  return {
    requests,
    fetch: async (input, init) => {
      requests.push(input)
      return app.request(input, init)
    },
  }
}

function avatarEntry(avatar: string, rows: readonly FakeBinding[]) {
  return {
    persona: avatar,
    avatar,
    alias: [],
    last_arweave_id: '',
    activated_at: SOME_TIME,
    proofs: rows.map((row) => ({
      platform: row.platform,
      identity: row.identity,
      alt_id: '',
      created_at: SOME_TIME,
      last_checked_at: SOME_TIME,
      is_valid: row.isValid ?? true,
      invalid_reason: row.isValid === false ? 'post deleted' : '',
    })),
  }
}
