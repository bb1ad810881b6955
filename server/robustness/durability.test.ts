/**
 * Issue acceptance: kill -9 the server during a write load; after a restart every acknowledged
 * write is there and the proof chain verifies. Runs on PGlite (the default) and on PostgreSQL.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { avatarId, getPublicKey } from '../../src/crypto/keys.js'
import { verifyProofChain } from '../../src/verify/index.js'
import { openTestPostgres, TEST_DATABASE_URL } from '../../test/support/server/db/test-databases.js'
import {
  clients,
  prepareEthereumBinding,
  testKey,
  writeKv,
} from '../../test/support/server/robustness/test-bindings.js'
import { startServerProcess } from './server-process.js'

const LOAD_MS = 2_500

async function killDuringWrites(env: Record<string, string>) {
  const avatarKey = testKey(7)
  const avatar = avatarId(getPublicKey(avatarKey))
  const server = await startServerProcess(env)
  const boundWallets: string[] = []
  const writtenKeys: string[] = []
  let killed = false

  const bindLoop = async () => {
    for (let i = 0; !killed; i++) {
      try {
        const binding = await prepareEthereumBinding(server.proofUrl, avatarKey, testKey(5000 + i))
        await binding.submit()
        boundWallets.push(binding.identity)
      } catch {
        return // the server died mid-request: that write was never acknowledged
      }
    }
  }
  const kvLoop = async () => {
    for (let i = 0; !killed; i++) {
      try {
        await writeKv(server.kvUrl, avatarKey, { [`k${i}`]: i })
        writtenKeys.push(`k${i}`)
      } catch {
        return
      }
    }
  }
  const load = Promise.all([bindLoop(), kvLoop()])
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS))
  server.child.kill('SIGKILL')
  killed = true
  await server.exited
  await load

  const restarted = await startServerProcess(env)
  try {
    const { proof, kv } = clients(restarted.proofUrl, restarted.kvUrl)
    const chain = []
    for await (const link of proof.iterateProofChain(avatar)) chain.push(link)
    const chainWallets = new Set(chain.map((link) => link.identity))
    expect(boundWallets.length).toBeGreaterThan(0)
    for (const wallet of boundWallets) expect(chainWallets.has(wallet)).toBe(true)
    expect(verifyProofChain(avatar, chain).valid).toBe(true)

    const stored = await kv.getKv(avatar)
    const content = stored.proofs.find((entry) => entry.platform === 'nextid')?.content as Record<string, unknown>
    expect(writtenKeys.length).toBeGreaterThan(0)
    for (const key of writtenKeys) expect(content).toHaveProperty(key)

    // The restarted server keeps accepting writes on the same chains.
    await (await prepareEthereumBinding(restarted.proofUrl, avatarKey, testKey(9999))).submit()
    await writeKv(restarted.kvUrl, avatarKey, { after: true })
  } finally {
    restarted.child.kill('SIGTERM')
    await restarted.exited
  }
}

describe('kill -9 during writes', () => {
  it('keeps every acknowledged write on PGlite', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'nextid-kill-'))
    try {
      await killDuringWrites({ DATA_DIR: dataDir })
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 180_000)

  it.skipIf(!TEST_DATABASE_URL)(
    'keeps every acknowledged write on PostgreSQL',
    async () => {
      const database = await openTestPostgres()
      try {
        await killDuringWrites({ DATABASE_URL: database.location })
      } finally {
        await database.dispose()
      }
    },
    180_000,
  )
})
