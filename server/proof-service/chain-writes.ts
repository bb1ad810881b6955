/**
 * POST /v1/proof's trips to the database, each shared by the submissions in flight: the chain-head
 * reads and the bindings reads (cap, held binding) are each answered together by one query, and
 * the appends are committed together
 * by one statement (group commit, ../db/batcher.ts). A reply is sent only after the statement
 * holding its append has committed; appends to one avatar go one after the other, in order.
 */
import { createBatcher } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import { isRolledBackStatementError } from '../db/sql-state.js'
import { HttpError } from '../http/http-error.js'
import { appendChainLinks, type ChainAppend, STALE_CHAIN_MESSAGE } from './append-chain-link.js'
import { type AvatarBindings, type BindingsQuestion, readAvatarBindings } from './avatar-bindings.js'
import type { ChainHead } from './chain-head.js'

export type ChainWrites = {
  /** The avatar's latest link, or null before its first (as readChainHead). */
  readHead(avatar: string): Promise<ChainHead | null>
  /** How many bindings the avatar has and whether it holds the one named (avatar-bindings.ts). */
  readBindings(question: BindingsQuestion): Promise<AvatarBindings>
  /** Appends after the expected head and applies the binding; the new link's id, or 400 when the head moved. */
  append(append: ChainAppend): Promise<string>
}

type Outcome = { id: string | null } | { error: unknown }

const HEADS_SQL = `
  SELECT a.avatar, h.id, h.signature FROM jsonb_array_elements_text($1::jsonb) AS a(avatar)
  LEFT JOIN LATERAL (
    SELECT id, signature FROM proof_chain c WHERE c.avatar = a.avatar ORDER BY id DESC LIMIT 1
  ) h ON true`

// Measured with `npm run bench:server` on 2 cores (BENCHMARKS.md): up to 16 per statement and 4
// statements at once kept both PostgreSQL and the server busy; 64 × 2 left the server waiting on
// a few large statements, 8 × 4 paid the per-statement cost more often.
const BATCHING = { maxBatch: 16, maxInFlight: 4 }

/** The shared reads and writes of one process on `db`. */
export function createChainWrites(db: Database): ChainWrites {
  const heads = createBatcher<string, ChainHead | null>({
    ...BATCHING,
    run: async (avatars) => {
      const unique = [...new Set(avatars)]
      const rows = await db.query<{ avatar: string; id: string | null; signature: string | null }>(
        HEADS_SQL,
        [JSON.stringify(unique)],
        { name: 'read_chain_heads' },
      )
      const headOf = new Map(
        rows.map((row) => [row.avatar, row.id === null ? null : { id: row.id, signature: row.signature as string }]),
      )
      return avatars.map((avatar) => headOf.get(avatar) ?? null)
    },
  })
  const bindings = createBatcher<BindingsQuestion, AvatarBindings>({
    ...BATCHING,
    run: (questions) => readAvatarBindings(db, questions),
  })
  const appends = createBatcher<ChainAppend, Outcome>({
    ...BATCHING,
    keyOf: (append) => append.link.avatar,
    run: async (batch) => {
      try {
        return (await appendChainLinks(db, batch)).map((id) => ({ id }))
      } catch (error) {
        // A lost connection may have lost only the answer of a COMMIT that went through: run again,
        // each append would see its own link as the head and hear a wrong "chain changed" 400. Only
        // a statement the database refused is known to have changed nothing.
        if (batch.length === 1 || !isRolledBackStatementError(error)) return batch.map(() => ({ error }))
        // One bad append (or a deadlock with another process) must not fail the others: alone, each
        // gets its own answer. One after the other, in this batch's slot, so the retries keep to
        // maxInFlight statements (connections) at once like everything else.
        const outcomes: Outcome[] = []
        for (const append of batch) {
          try {
            const [id] = await appendChainLinks(db, [append])
            outcomes.push({ id: id ?? null })
          } catch (error) {
            outcomes.push({ error })
          }
        }
        return outcomes
      }
    },
  })
  return {
    readHead: (avatar) => heads.submit(avatar),
    readBindings: (question) => bindings.submit(question),
    async append(append) {
      const outcome = await appends.submit(append)
      if ('error' in outcome) throw outcome.error
      if (outcome.id === null) throw new HttpError(400, STALE_CHAIN_MESSAGE)
      return outcome.id
    },
  }
}
