/**
 * Binding flows through the popup handlers against a REAL local ProofService (startServer on
 * PGlite) whose validators read the e2e platform simulator over HTTP: DNS end to end, and a tweet
 * that appears only after the first attempt.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../../e2e/platform-simulator/index.js'
import { loadConfig } from '../../../server/config.js'
import { type ServerHandles, startServer } from '../../../server/start-server.js'
import type { FetchFunction } from '../../../src/client/index.js'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import { createAvatarVault } from '../avatar-vault.js'
import { createBackupFlow } from '../backup-flow.js'
import { createPhraseDrafts } from '../phrase-drafts.js'
import { createPopupHandlers } from '../popup-handlers.js'
import { createPreparedRequests } from '../prepared-requests.js'
import { createSettingsStore } from '../settings.js'
import { createMemoryStore } from '../storage-ports.js'
import { createVaultSession } from '../vault-session.js'
import { createBindingFlows } from './binding-flows.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const PASSWORD = 'correct horse battery staple'
const options = { iterations: MIN_PBKDF2_ITERATIONS }
const realFetch: FetchFunction = (input, init) => fetch(input, init)
const TWITTER_USER = { id: '1467726470533754880', username: 'Alice_NextID' }

let server: ServerHandles
let simulator: RunningPlatformSimulator
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-flows-'))
  simulator = await startPlatformSimulator()
  simulator.state.twitter.addUser(TWITTER_USER)
  const env = { PROOF_PORT: '0', KV_PORT: 'off', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
  server = await startServer({ ...loadConfig(env), platforms: simulator.config })
})

afterAll(async () => {
  await server?.stop()
  await simulator?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** One service worker over fresh in-memory storage, its avatar unlocked and pointed at the local server. */
async function boot() {
  const stores = { records: createMemoryStore(), session: createMemoryStore(), local: createMemoryStore() }
  const now = () => Date.now()
  const settings = createSettingsStore(stores.local)
  const requests = createPreparedRequests(stores.session, now)
  const alarm = { set: async () => {}, clear: async () => {} }
  const session = createVaultSession({ ...stores, settings, alarm, now, vaultOptions: options })
  const deps = { records: stores.records, now, vaultOptions: options }
  const flows = createBindingFlows({
    session,
    settings,
    store: stores.local,
    fetch: realFetch,
    now,
    alarm: { set: async () => {} },
    retryDelaysMs: [200, 400, 800, 1_600],
  })
  const api = createPopupHandlers({
    version: '0',
    session,
    avatars: createAvatarVault(session, deps),
    backup: createBackupFlow(session, deps),
    drafts: createPhraseDrafts(now),
    settings,
    requests,
    fetch: realFetch,
    now,
    flows,
  })
  await api.updateSettings({
    endpoints: { proofServiceUrl: server.proofServiceUrl ?? '', kvServiceUrl: 'http://127.0.0.1:1' },
  })
  await api.importPrivateKey({ privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD })
  return api
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('binding flows against a real ProofService', () => {
  it('binds a domain over DNS: start → publish the TXT record → submit → done, then listed', async () => {
    const api = await boot()
    const started = await api.startBinding({ platform: 'dns', identity: 'Flows.Example' })
    expect(started).toMatchObject({ step: 'publish', identity: 'flows.example', needsProofLocation: false })
    expect(started.publishHint).toBe('Add this TXT record to flows.example.')
    simulator.state.dns.addTxt('flows.example', started.postText)
    const done = await api.submitBinding({ flowId: started.id, proofLocation: '' })
    expect(done).toMatchObject({ step: 'done', attempts: 1, error: '' })
    const bindings = await api.getBindings(undefined)
    expect(bindings).toEqual([expect.objectContaining({ platform: 'dns', identity: 'flows.example', isValid: true })])
    expect((await api.getFlows(undefined)).map((flow) => flow.step)).toEqual(['done'])
  })

  it('waits for a tweet that appears only after the first attempt, without a second post', async () => {
    const api = await boot()
    const started = await api.startBinding({ platform: 'twitter', identity: 'Alice_NextID' })
    const tweetId = '1790000000000000042'
    const waiting = await api.submitBinding({
      flowId: started.id,
      proofLocation: `https://x.com/Alice_NextID/status/${tweetId}`,
    })
    expect(waiting).toMatchObject({ step: 'submit', attempts: 1 })
    expect(waiting.error).toContain(`tweet not found: ${tweetId}`)
    simulator.state.twitter.publishTweet({ id: tweetId, text: started.postText, authorId: TWITTER_USER.id })
    let flow = waiting
    for (let i = 0; i < 100 && flow.step === 'submit'; i++) {
      await sleep(50)
      flow = (await api.getFlows(undefined))[0] ?? flow
    }
    expect(flow).toMatchObject({ step: 'done', postText: started.postText, proofLocation: tweetId })
    expect(flow.attempts).toBeGreaterThanOrEqual(2)
    const bindings = await api.getBindings(undefined)
    expect(bindings).toContainEqual(
      expect.objectContaining({ platform: 'twitter', identity: 'alice_nextid', isValid: true }),
    )
  })
})
