/**
 * Issue acceptance: 50 parallel submissions on one avatar through two server processes sharing one
 * PostgreSQL give one linear chain that holds every acknowledged (201) link, and every loser gets
 * a clear 4xx telling it to fetch a fresh payload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { avatarId, getPublicKey } from '../../src/crypto/keys.js'
import { ServiceError } from '../../src/errors.js'
import { verifyProofChain } from '../../src/verify/index.js'
import { openTestPostgres, TEST_DATABASE_URL, type TestDatabase } from '../../test/support/server/db/test-databases.js'
import { clients, prepareEthereumBinding, testKey } from '../../test/support/server/robustness/test-bindings.js'
import { type ServerProcess, startServerProcess } from './server-process.js'

describe.skipIf(!TEST_DATABASE_URL)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase
  let servers: ServerProcess[]

  beforeAll(async () => {
    database = await openTestPostgres()
    servers = await Promise.all([0, 1].map(() => startServerProcess({ DATABASE_URL: database.location })))
  }, 120_000)

  afterAll(async () => {
    for (const server of servers ?? []) {
      server.child.kill('SIGTERM')
      await server.exited
    }
    await database?.dispose()
  })

  it('keeps one linear chain under 50 parallel submissions for one avatar', async () => {
    const avatarKey = testKey(1)
    const attempts = Array.from({ length: 50 }, async (_, i) => {
      const server = servers[i % 2] as ServerProcess
      const binding = await prepareEthereumBinding(server.proofUrl, avatarKey, testKey(1000 + i))
      try {
        await binding.submit()
        return { identity: binding.identity, outcome: 'created' as const }
      } catch (error) {
        return { identity: binding.identity, outcome: error }
      }
    })
    const results = await Promise.all(attempts)
    const created = results.filter((result) => result.outcome === 'created')
    const refused = results.filter((result) => result.outcome !== 'created')
    expect(created.length).toBeGreaterThanOrEqual(1)
    expect(refused.length).toBeGreaterThan(0) // the race really happened
    for (const { outcome } of refused) {
      expect(outcome).toBeInstanceOf(ServiceError)
      expect((outcome as ServiceError).status).toBe(400)
      expect((outcome as ServiceError).serviceMessage).toMatch(/^bad signature/)
    }

    const { proof } = clients((servers[0] as ServerProcess).proofUrl, (servers[0] as ServerProcess).kvUrl)
    const avatar = avatarId(getPublicKey(avatarKey))
    const chain = (await proof.getProofChain({ avatar })).proofChain
    expect(chain.map((link) => link.identity).sort()).toEqual(created.map((result) => result.identity).sort())
    expect(verifyProofChain(avatar, chain)).toMatchObject({ valid: true })
  }, 120_000)
})
