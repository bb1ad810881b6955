/**
 * Test helper: a fresh, empty database per call on each driver. PGlite gets a temp folder; the
 * PostgreSQL driver (only when TEST_DATABASE_URL is set, see scripts/postgres-for-tests.sh) gets a
 * new database created on that server and dropped afterwards, so test files never share state.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Database } from '../../../../server/db/database.js'
import { openPglite } from '../../../../server/db/open-pglite.js'
import { openPostgres } from '../../../../server/db/open-postgres.js'

export type TestDatabase = {
  db: Database
  /** The postgres:// URL of the database, or the PGlite data folder. */
  location: string
  /** Another handle on the same database (another "process"); closed by dispose(). */
  openAnother(): Promise<Database>
  dispose(): Promise<void>
}

export type TestDriver = { name: 'pglite' | 'postgres'; skip: boolean; open(): Promise<TestDatabase> }

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL

export const TEST_DRIVERS: readonly TestDriver[] = [
  { name: 'pglite', skip: false, open: openTestPglite },
  { name: 'postgres', skip: !TEST_DATABASE_URL, open: openTestPostgres },
]

/** A PGlite database in a new temp folder. */
export async function openTestPglite(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'nextid-pglite-'))
  const handles = [await openPglite(dir)]
  return {
    db: handles[0] as Database,
    location: dir,
    openAnother: async () => {
      const another = await openPglite(dir)
      handles.push(another)
      return another
    },
    dispose: async () => {
      await Promise.all(handles.map((handle) => handle.close()))
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A new database on the TEST_DATABASE_URL server. */
export async function openTestPostgres(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set')
  const name = `nextid_test_${randomBytes(6).toString('hex')}`
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`))
  const url = new URL(TEST_DATABASE_URL)
  url.pathname = `/${name}`
  const handles = [await openPostgres(url.href)]
  return {
    db: handles[0] as Database,
    location: url.href,
    openAnother: async () => {
      const another = await openPostgres(url.href)
      handles.push(another)
      return another
    },
    dispose: async () => {
      await Promise.all(handles.map((handle) => handle.close()))
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await admin.connect()
  try {
    return await fn(admin)
  } finally {
    await admin.end()
  }
}
