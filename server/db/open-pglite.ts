/**
 * The embedded database: PGlite (Postgres compiled to WASM) in a folder on disk. One connection per
 * process, so transactions are serialized (PGlite's transaction mutex also holds back plain
 * queries) and two processes must never open the same folder: a lock file refuses the second.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite, types } from '@electric-sql/pglite'
import { checkParams, createTransactionGuard, type Database, type Queryable, type Row } from './database.js'
import { lockDataDir } from './lock-data-dir.js'

/** Opens (creating if needed) the PGlite database kept in `<dataDir>/pglite`. */
export async function openPglite(dataDir: string): Promise<Database> {
  const folder = join(dataDir, 'pglite')
  await mkdir(folder, { recursive: true })
  const lock = await lockDataDir(folder)
  let pglite: PGlite
  try {
    // int8 as text, like pg: a JS number would silently lose digits above 2^53.
    pglite = await PGlite.create(folder, { parsers: { [types.INT8]: (value: string) => value } })
  } catch (error) {
    await lock.release()
    throw error
  }
  return wrapPglite(pglite, lock.release)
}

function wrapPglite(pglite: PGlite, releaseLock: () => Promise<void>): Database {
  const guard = createTransactionGuard()
  const handle = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R extends Row>(sql: string, params?: readonly unknown[]) {
      return (await target.query<R>(sql, checkParams(params))).rows
    },
    async exec(sql: string) {
      await target.exec(sql)
    },
  })
  const outside = handle(pglite)
  let closing: Promise<void> | undefined
  return {
    kind: 'pglite',
    query(sql, params) {
      guard.assertOutside()
      return outside.query(sql, params)
    },
    exec(sql) {
      guard.assertOutside()
      return outside.exec(sql)
    },
    transaction(fn) {
      guard.assertOutside()
      return guard.run(() => pglite.transaction((tx) => fn(handle(tx))))
    },
    close() {
      // Taking the transaction mutex first lets a running transaction finish before the WASM stops.
      closing ??= pglite
        .transaction(async () => undefined)
        .catch(() => undefined)
        .then(() => pglite.close())
        .finally(releaseLock)
      return closing
    },
  }
}
