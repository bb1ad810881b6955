import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './database.js'
import { openPglite } from './open-pglite.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('openPglite', () => {
  let dir: string
  let db: Database
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nextid-pglite-'))
    db = await openPglite(dir)
    await db.exec('CREATE TABLE event (seq serial PRIMARY KEY, label text NOT NULL)')
  })
  afterAll(async () => {
    await db?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('never interleaves concurrent transactions on its single connection', async () => {
    await db.exec('TRUNCATE event')
    const step = (name: string, fail = false) =>
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO event (label) VALUES ($1)', [`${name}:begin`])
        await pause(20)
        await tx.query('INSERT INTO event (label) VALUES ($1)', [`${name}:end`])
        if (fail) throw new Error(`${name} failed`)
      })
    const results = await Promise.allSettled([step('a'), step('b', true), step('c'), step('d')])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    const labels = (await db.query<{ label: string }>('SELECT label FROM event ORDER BY seq')).map((row) => row.label)
    // Each surviving transaction's two rows are adjacent, and the failed one left nothing.
    expect(labels).toEqual(['a:begin', 'a:end', 'c:begin', 'c:end', 'd:begin', 'd:end'])
  })

  it('keeps plain queries out of a running transaction (they wait for it)', async () => {
    await db.exec('TRUNCATE event')
    const rolledBack = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO event (label) VALUES ('in-tx')`)
      await pause(50)
      throw new Error('roll back')
    })
    await pause(5)
    // Issued while the transaction is open; had it run inside, the rollback would erase it.
    const plain = db.query(`INSERT INTO event (label) VALUES ('plain') RETURNING label`)
    await expect(rolledBack).rejects.toThrow('roll back')
    await expect(plain).resolves.toEqual([{ label: 'plain' }])
    expect(await db.query('SELECT label FROM event')).toEqual([{ label: 'plain' }])
  })

  it('refuses a second opener of the same folder while it is open', async () => {
    await expect(openPglite(dir)).rejects.toThrow(
      `database folder ${join(dir, 'pglite')} is in use by process ${process.pid}`,
    )
    expect(await db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }])
  })
})

describe('openPglite on disk', () => {
  it('keeps data across close and reopen, and takes over a lock left by a dead process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nextid-pglite-'))
    try {
      const first = await openPglite(dir)
      await first.exec(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')`)
      await first.close()
      // A crashed process leaves its lock file behind; pid 2^22+1 is above Linux's pid_max.
      await writeFile(join(dir, 'pglite.lock'), '4194305\n')
      const second = await openPglite(dir)
      try {
        expect(await second.query('SELECT v FROM kept')).toEqual([{ v: 'survives' }])
      } finally {
        await second.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
