/**
 * A PostgreSQL server through a pg Pool: what several server processes share to scale out. Each
 * transaction holds one pooled connection from BEGIN to COMMIT/ROLLBACK.
 */
import pg from 'pg'
import {
  checkParams,
  createTransactionGuard,
  type Database,
  type Queryable,
  type QueryOptions,
  type Row,
} from './database.js'

export type PostgresOptions = {
  /** Errors of idle pooled connections (e.g. the server restarted); without a listener they crash Node. */
  onIdleError?: (error: Error) => void
  maxConnections?: number
}

// Every session runs READ COMMITTED whatever the server's or database's default: the writes are
// built for it. A losing concurrent append waits for the winner's commit, then sees it and is
// skipped (the clear "chain changed" 400); under REPEATABLE READ or SERIALIZABLE the same race
// ends in a serialization failure instead — a 500 for a request that did nothing wrong.
const READ_COMMITTED = '-c default_transaction_isolation=read\\ committed'

/** Connects a pool to `url` (postgres://…) and checks the connection once. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, options: READ_COMMITTED })
  pool.on('error', options.onIdleError ?? (() => {}))
  try {
    // pg lets an `options` parameter in the URL replace the one above, and a connection pooler may
    // drop it: refuse to run without it.
    const [row] = (
      await pool.query<{ isolation: string }>('SELECT current_setting($1) AS isolation', [
        'default_transaction_isolation',
      ])
    ).rows
    if (row?.isolation !== 'read committed') {
      throw new Error(
        `the database sessions must default to read committed, got ${row?.isolation}: ` +
          "remove it from the URL's options parameter, or behind a pooler that drops startup options, " +
          "run ALTER DATABASE … SET default_transaction_isolation = 'read committed'",
      )
    }
  } catch (error) {
    await pool.end()
    throw error
  }
  return wrapPool(pool)
}

function handle(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) {
      const values = checkParams(params)
      const config = options?.name === undefined ? { text: sql, values } : { name: options.name, text: sql, values }
      return (await target.query<R>(config)).rows
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple query protocol, which allows several statements.
      await target.query(sql)
    },
  }
}

function wrapPool(pool: pg.Pool): Database {
  const guard = createTransactionGuard()
  const outside = handle(pool)
  let closing: Promise<void> | undefined
  return {
    kind: 'postgres',
    query(sql, params, options) {
      guard.assertOutside()
      return outside.query(sql, params, options)
    },
    exec(sql) {
      guard.assertOutside()
      return outside.exec(sql)
    },
    transaction(fn) {
      guard.assertOutside()
      return guard.run(() => runTransaction(pool, fn))
    },
    close() {
      // pool.end() waits for checked-out clients, so running transactions finish first.
      closing ??= pool.end()
      return closing
    },
  }
}

async function runTransaction<T>(pool: pg.Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('BEGIN')
    const result = await fn(handle(client))
    await client.query('COMMIT')
    return result
  } catch (error) {
    // A failed ROLLBACK means the connection is unusable: destroy it instead of pooling it.
    await client.query('ROLLBACK').catch(() => {
      broken = true
    })
    throw error
  } finally {
    client.release(broken)
  }
}
