/**
 * Brings the schema up to date. Runs in one transaction under a transaction-scoped advisory lock,
 * so several processes starting together on one PostgreSQL migrate exactly once; the others wait,
 * then find nothing left to do.
 */
import type { Database } from './database.js'
import { MIGRATIONS } from './migrations.js'

/** Applies the migrations the database lacks, in order; returns the versions applied now. */
export async function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('nextid-companion:schema_migrations'))`)
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations')
    const done = new Set(rows.map((row) => row.version))
    const newest = Math.max(0, ...done)
    if (newest > migrations.length) {
      throw new Error(`database schema version ${newest} is newer than this server knows (${migrations.length})`)
    }
    const applied: number[] = []
    for (const [index, sql] of migrations.entries()) {
      const version = index + 1
      if (done.has(version)) continue
      await tx.exec(sql)
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version])
      applied.push(version)
    }
    return applied
  })
}
