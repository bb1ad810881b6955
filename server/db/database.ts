/**
 * The one database interface all server code uses. PGlite (embedded) and PostgreSQL (pg Pool) run
 * the same SQL and hand back the same JavaScript values:
 * - int8/bigserial columns come back as decimal strings (lossless; pg's default), int4 as numbers,
 *   timestamptz as Date, json/jsonb parsed, text as string.
 * - Parameters are scalars only. Pass JSON as text and cast it (`$1::jsonb` with JSON.stringify),
 *   because pg would turn a JS array into a Postgres array literal.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export type Row = Record<string, unknown>
export type SqlParam = string | number | bigint | boolean | Date | null

/** How a statement runs. */
export type QueryOptions = {
  /**
   * Prepare it once per connection under this name (PostgreSQL; PGlite ignores it): a hot
   * statement then skips parsing and planning, about 0.3 ms each time. One name, one SQL text.
   */
  name?: string
}

/** What both the database and a transaction handle can do. */
export interface Queryable {
  /** One statement, `$1`-style parameters, the result rows. */
  query<R extends Row = Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<R[]>
  /** Several statements separated by `;`, no parameters (migrations). */
  exec(sql: string): Promise<void>
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /**
   * BEGIN … COMMIT around `fn`, ROLLBACK when it throws. Inside, use only `tx`: on PGlite's single
   * connection `db` would wait for this very transaction, so it throws instead of hanging.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Waits for the running transaction, then closes; later calls are no-ops. */
  close(): Promise<void>
}

/** Checks parameters at runtime too: values from JSON bodies are not typed. */
export function checkParams(params: readonly unknown[] | undefined): SqlParam[] {
  return (params ?? []).map((value, index) => {
    if (value === null || value instanceof Date) return value
    if (typeof value === 'bigint') return value.toString()
    if (typeof value === 'string' || typeof value === 'boolean') return value
    if (typeof value === 'number' && Number.isFinite(value)) return value
    const kind = Array.isArray(value) ? 'array' : typeof value
    throw new TypeError(`SQL parameter $${index + 1} must be a scalar (pass JSON as text), got ${kind}`)
  })
}

/**
 * Marks the async context of a running transaction so that a stray `db.query` inside it fails
 * loudly on both drivers (the same code must behave the same on PGlite and PostgreSQL).
 */
export function createTransactionGuard() {
  const store = new AsyncLocalStorage<true>()
  return {
    run: <T>(fn: () => Promise<T>): Promise<T> => store.run(true, fn),
    assertOutside(): void {
      if (store.getStore()) throw new Error('inside db.transaction(), query through its `tx`, not through `db`')
    },
  }
}
