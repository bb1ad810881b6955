/**
 * Whole bindings THROUGH THE SERVER for every network platform, as a user makes them with the core's
 * typed client (src/client): payload → sign → publish on the platform simulator (real wire formats)
 * → submit → query / exists / chain (verified with src/verify) → revoke with the avatar's signature
 * alone (§15 #11). Runs in process and over real HTTP (startServer), on PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL. Ethereum and Solana: binding-lifecycle.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProofServiceClient, type ProofPayload, type ProofServiceClient } from '../../src/client/index.js'
import { encodeBase64, signPersonalMessage } from '../../src/crypto/index.js'
import { ServiceError } from '../../src/errors.js'
import { choosePostContent, fillSignature, type ProofAction, REGISTERED_PLATFORMS } from '../../src/protocol/index.js'
import { verifyProofChain, verifyProofPost } from '../../src/verify/index.js'
import {
  createPlatformSimulator,
  IN_PROCESS_URL,
  type PlatformSimulatorState,
  startPlatformSimulator,
} from '../../test/platform-simulator/index.js'
import { TEST_DRIVERS, type TestDriver } from '../../test/support/server/db/test-databases.js'
import {
  caseAvatar,
  PLATFORM_CASES,
  type Published,
} from '../../test/support/server/proof-service/test-platform-cases.js'
import { openTestProofService } from '../../test/support/server/proof-service/test-proof-service.js'
import { TEST_BUILD } from '../../test/support/server/test-deps.js'
import { type Env, loadConfig } from '../config.js'
import { startServer } from '../start-server.js'
import { createValidators } from '../validators/index.js'

type RunningService = { client: ProofServiceClient; state: PlatformSimulatorState; stop(): Promise<void> }
type Run = { name: string; start(): Promise<RunningService> }

/** The app called in process, its validators reaching the simulator through an in-process fetch. */
function inProcess(driver: TestDriver): Run {
  return {
    name: `in process on ${driver.name}`,
    start: async () => {
      const simulator = createPlatformSimulator()
      const config = { ...loadConfig({}), platforms: simulator.configFor(IN_PROCESS_URL) }
      const service = await openTestProofService({
        driver,
        validators: createValidators(config),
        context: { fetch: simulator.fetch, timeoutMs: 5_000 },
      })
      const client = createProofServiceClient({
        baseUrl: 'http://proof-service.test',
        fetch: (url, init) => Promise.resolve(service.app.request(url, init)),
      })
      return { client, state: simulator.state, stop: () => service.dispose() }
    },
  }
}

/** `startServer` over real HTTP, its validators calling the simulator served over HTTP too. */
function overHttp(driver: TestDriver): Run {
  return {
    name: `over HTTP on ${driver.name}`,
    start: async () => {
      const simulator = await startPlatformSimulator()
      const storage = await openStorage(driver)
      const env: Env = { PROOF_PORT: '0', KV_PORT: 'off', LOG_LEVEL: 'silent', NODE_ENV: 'test', ...storage.env }
      const server = await startServer(
        { ...loadConfig(env), platforms: simulator.config },
        { build: TEST_BUILD },
      ).catch(async (error: unknown) => {
        await Promise.all([simulator.stop(), storage.dispose()])
        throw error
      })
      const client = createProofServiceClient({ baseUrl: server.proofServiceUrl ?? '', fetch: globalThis.fetch })
      const stop = async () => {
        await server.stop()
        await Promise.all([simulator.stop(), storage.dispose()])
      }
      return { client, state: simulator.state, stop }
    },
  }
}

/** Where startServer keeps its data: a new PGlite folder, or a new database on the test server. */
async function openStorage(driver: TestDriver): Promise<{ env: Env; dispose(): Promise<void> }> {
  if (driver.name === 'postgres') {
    const database = await driver.open()
    return { env: { DATABASE_URL: database.location }, dispose: () => database.dispose() }
  }
  const dir = await mkdtemp(join(tmpdir(), 'nextid-lifecycle-'))
  return { env: { DATA_DIR: dir }, dispose: () => rm(dir, { recursive: true, force: true }) }
}

// Only the drivers that are enabled, so no run is ever reported as skipped.
const RUNS = TEST_DRIVERS.filter((driver) => !driver.skip).flatMap((driver) => [inProcess(driver), overHttp(driver)])
const CASES = PLATFORM_CASES.map((platformCase, index) => ({ ...platformCase, ...caseAvatar(index) }))

/** The error a promise rejects with (an Error saying so when it resolves instead). */
function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (caught: unknown) => caught,
  )
}

describe.each(RUNS.map((run) => [run.name, run] as const))('%s', (_, run) => {
  let service: RunningService
  beforeAll(async () => {
    service = await run.start()
    for (const platformCase of CASES) platformCase.setup(service.state)
  }, 60_000)
  afterAll(() => service?.stop(), 60_000)

  it('accepts bindings on every registered platform (tokens configured)', async () => {
    expect((await service.client.health()).platforms).toEqual([...REGISTERED_PLATFORMS].sort())
  })

  describe.each(CASES.map((platformCase) => [platformCase.label, platformCase] as const))('%s', (_, platformCase) => {
    const { platform, avatar, stored } = platformCase
    const target = (action: ProofAction) => ({ action, platform, identity: platformCase.identity, publicKey: avatar })
    const chainOf = async () => (await service.client.getProofChain({ avatar })).proofChain
    const exists = () => service.client.proofExists({ platform, identity: platformCase.identity, publicKey: avatar })

    /** Asks for a payload and signs it with the avatar's key, as the extension does. */
    const sign = async (action: ProofAction) => {
      const payload = await service.client.createPayload(target(action))
      return { payload, signature: signPersonalMessage(payload.signPayload, platformCase.key) }
    }
    const submit = (action: ProofAction, payload: ProofPayload, signature: Uint8Array, location = '') =>
      service.client.submitProof({
        ...target(action),
        uuid: payload.uuid,
        createdAt: payload.createdAt,
        signature,
        ...(location !== '' && { proofLocation: location }),
      })
    /** Fills the signature into the post text the payload offers (Discord's is under `en-US`) and publishes it. */
    const publish = (payload: ProofPayload, signature: Uint8Array) => {
      const text = choosePostContent(payload.postContent, 'en-US')
      const post = fillSignature(text, encodeBase64(signature), avatar)
      return { post, published: platformCase.publish(service.state, post, avatar) }
    }

    let created: { payload: ProofPayload; signature: Uint8Array; post: string; published: Published }

    it('refuses a proof taken down before submission: 400 with the validator message, nothing stored', async () => {
      const { payload, signature } = await sign('create')
      const { published } = publish(payload, signature)
      published.unpublish()
      const error = await rejection(submit('create', payload, signature, published.location))
      expect(error).toBeInstanceOf(ServiceError)
      expect(error).toMatchObject({
        status: 400,
        serviceMessage: platformCase.goneMessage({ location: published.location, avatar, uuid: payload.uuid }),
      })
      expect(await chainOf()).toEqual([])
      expect(await exists()).toBeNull()
    })

    it('creates the binding; query, exists and the chain show it, and the post verifies', async () => {
      const { payload, signature } = await sign('create')
      expect(JSON.parse(payload.signPayload)).toEqual({
        action: 'create',
        created_at: payload.createdAt,
        identity: stored,
        platform,
        prev: null,
        uuid: payload.uuid,
      })
      created = { payload, signature, ...publish(payload, signature) }
      await submit('create', payload, signature, created.published.location)

      const links = await chainOf()
      expect(links).toEqual([
        {
          action: 'create',
          platform,
          identity: stored,
          altId: platformCase.altId,
          proofLocation: created.published.location,
          createdAt: payload.createdAt,
          signature: encodeBase64(signature),
          signaturePayload: payload.signPayload,
          uuid: payload.uuid,
          extra: { wallet_signature: '' },
          arweaveId: '',
        },
      ])
      expect(verifyProofChain(avatar, links).valid).toBe(true)
      const post = platformCase.postToVerify?.(created.post) ?? created.post
      const postCheck = { platform, identity: stored, avatar, uuid: payload.uuid, createdAt: payload.createdAt }
      expect(verifyProofPost({ ...postCheck, prev: null, post })).toMatchObject({ valid: true, reason: '' })

      const binding = {
        avatar,
        alias: [],
        lastArweaveId: '',
        activatedAt: payload.createdAt,
        proofs: [
          {
            platform,
            identity: stored,
            altId: platformCase.altId,
            createdAt: expect.stringMatching(/^\d+$/),
            lastCheckedAt: expect.stringMatching(/^\d+$/),
            isValid: true,
            invalidReason: '',
          },
        ],
      }
      // Found by the identity and by the platform's own id (alt_id), e.g. Steam's custom URL.
      for (const identity of new Set(
        [stored, platformCase.altId, ...(platformCase.lookups ?? [])].filter((id) => id !== ''),
      )) {
        const page = await service.client.queryProofs({ platform, identity })
        expect(page).toEqual({ pagination: { total: 1, per: 40, current: 1, next: 0 }, ids: [binding] })
      }
      expect(await service.client.queryAvatarBindings(avatar)).toEqual(binding)
      expect(await exists()).toEqual({
        createdAt: expect.stringMatching(/^\d+$/),
        lastCheckedAt: expect.stringMatching(/^\d+$/),
        isValid: true,
        invalidReason: '',
      })
    })

    it('revokes with the avatar signature alone, the post gone (§15 #11); the chain has 2 links and verifies', async () => {
      created.published.unpublish()
      const { payload, signature } = await sign('delete')
      expect(JSON.parse(payload.signPayload)).toMatchObject({
        action: 'delete',
        identity: stored,
        prev: encodeBase64(created.signature),
      })
      await submit('delete', payload, signature)

      expect((await service.client.queryProofs({ platform, identity: stored })).ids).toEqual([])
      expect(await service.client.queryAvatarBindings(avatar)).toBeNull()
      expect(await exists()).toBeNull()
      const links = await chainOf()
      expect(links.map((link) => [link.action, link.identity, link.signaturePayload])).toEqual([
        ['create', stored, created.payload.signPayload],
        ['delete', stored, payload.signPayload],
      ])
      expect(links[1]?.signature).toBe(encodeBase64(signature))
      const verification = verifyProofChain(avatar, links)
      expect(verification.valid).toBe(true)
      expect(verification.links.map((link) => link.signer)).toEqual(['avatar', 'avatar'])
    })
  })
})
