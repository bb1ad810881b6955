import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addressOf, getPublicKey, parsePublicKey } from '../../src/crypto/index.js'
import type { Platform } from '../../src/protocol/index.js'
import { PROOF_SERVICE_URL, testKey } from '../../test/support/server/kv-service/test-kv.js'
import { createFakeProofService, type FakeBinding } from '../../test/support/server/kv-service/test-proof-service.js'
import { submitBinding } from '../../test/support/server/proof-service/test-bindings.js'
import { AVATAR, AVATAR_KEY, signBase64 } from '../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../test/support/server/proof-service/test-proof-service.js'
import type { Queryable } from '../db/database.js'
import { HttpError } from '../http/http-error.js'
import { MAX_BINDINGS_PER_AVATAR } from '../proof-service/avatar-bindings.js'
import { canSetKv } from './can-set-kv.js'

const alice = testKey(1)
const bob = testKey(2)
const ALICE_ADDRESS = '0x115d0e8886e48b7eed48ecc40dfe8d327c4604c3'

const writer = (platform: Platform, identity: string, key = alice) => ({
  avatar: parsePublicKey(key.avatar),
  platform,
  identity,
})

/** The HttpError canSetKv throws, as [status, message]. */
async function refusal(promise: Promise<void>): Promise<[number, string]> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`)
  return [error.status, error.message]
}

function withBindings(bindings: Record<string, readonly FakeBinding[]>) {
  const proofService = createFakeProofService(bindings)
  return { proofService, access: { proofServiceUrl: PROOF_SERVICE_URL, proofServiceFetch: proofService.fetch } }
}

describe('canSetKv, platform nextid (§9.4)', () => {
  const { proofService, access } = withBindings({})

  it('lets an avatar write under its own key, written in any key form, without asking ProofService', async () => {
    for (const identity of [
      alice.avatar,
      alice.uncompressed,
      alice.bare,
      alice.avatar.toUpperCase().replace('0X', '0x'),
    ]) {
      await expect(canSetKv(access, writer('nextid', identity))).resolves.toBeUndefined()
    }
    expect(proofService.requests).toEqual([])
  })

  it("refuses another avatar's key, or an identity that is no key at all", async () => {
    const message = "Identity and persona not match when 'platform' is 'nextid' ."
    expect(await refusal(canSetKv(access, writer('nextid', bob.avatar)))).toEqual([400, message])
    expect(await refusal(canSetKv(access, writer('nextid', 'alice')))).toEqual([400, message])
    expect(proofService.requests).toEqual([])
  })
})

describe('canSetKv, other platforms (§9.4, §15 #14)', () => {
  it('asks GET /v1/proof for the avatar, exact, and accepts a binding even when is_valid is false', async () => {
    const { proofService, access } = withBindings({
      [alice.avatar]: [{ platform: 'github', identity: 'alice', isValid: false }],
    })
    await expect(canSetKv(access, writer('github', 'alice'))).resolves.toBeUndefined()
    expect(proofService.requests).toEqual([
      `${PROOF_SERVICE_URL}/v1/proof?identity=${alice.avatar}&platform=nextid&exact=true`,
    ])
  })

  it("compares identities with the platform's normalisation", async () => {
    const { access } = withBindings({
      [alice.avatar]: [
        { platform: 'twitter', identity: 'alice' },
        { platform: 'ethereum', identity: ALICE_ADDRESS },
        { platform: 'discord', identity: 'Alice#0001' },
      ],
    })
    await expect(canSetKv(access, writer('twitter', 'Alice'))).resolves.toBeUndefined()
    await expect(
      canSetKv(access, writer('ethereum', ALICE_ADDRESS.toUpperCase().replace('0X', '0x'))),
    ).resolves.toBeUndefined()
    // Discord tags are case-sensitive (§15 #13).
    expect(await refusal(canSetKv(access, writer('discord', 'alice#0001')))).toEqual([
      400,
      'Proof not found under this persona.',
    ])
    // The platform must match too.
    expect(await refusal(canSetKv(access, writer('github', 'alice')))).toEqual([
      400,
      'Proof not found under this persona.',
    ])
  })

  it('looks through every page of bindings, not only the first 40', async () => {
    const many = Array.from({ length: 85 }, (_, i) => ({ platform: 'github', identity: `user${i}` }))
    const { proofService, access } = withBindings({ [alice.avatar]: many })
    await expect(canSetKv(access, writer('github', 'user84'))).resolves.toBeUndefined()
    expect(proofService.requests.map((url) => new URL(url).searchParams.get('page'))).toEqual([null, '2', '3'])
    expect(await refusal(canSetKv(access, writer('github', 'user85')))).toEqual([
      400,
      'Proof not found under this persona.',
    ])
  })

  it('says when ProofService does not know the avatar at all', async () => {
    const { access } = withBindings({ [bob.avatar]: [{ platform: 'github', identity: 'alice' }] })
    expect(await refusal(canSetKv(access, writer('github', 'alice')))).toEqual([
      400,
      `Persona not found on ProofService: ${alice.avatar}`,
    ])
  })

  it('refuses an identity the platform cannot have before asking anyone', async () => {
    const { proofService, access } = withBindings({})
    await expect(canSetKv(access, writer('ethereum', 'not-an-address'))).rejects.toThrow(/^"identity" /)
    expect(proofService.requests).toEqual([])
  })

  it('answers 503 when ProofService cannot be reached', async () => {
    // A port that was just free: connection refused, through the real fetch.
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    const access = { proofServiceUrl: `http://127.0.0.1:${port}` }
    expect(await refusal(canSetKv(access, writer('github', 'alice')))).toEqual([503, 'ProofService error: unreachable'])
    const slow = {
      proofServiceUrl: PROOF_SERVICE_URL,
      proofServiceFetch: () => new Promise<Response>(() => {}),
      proofServiceTimeoutMs: 50,
    }
    expect(await refusal(canSetKv(slow, writer('github', 'alice')))).toEqual([503, 'ProofService error: unreachable'])
  })

  it('answers 502 when ProofService answers with an error or a malformed body', async () => {
    const failing = async () => Response.json({ message: 'database down' }, { status: 500 })
    const access = { proofServiceUrl: PROOF_SERVICE_URL, proofServiceFetch: failing }
    expect(await refusal(canSetKv(access, writer('github', 'alice')))).toEqual([
      502,
      'ProofService error: answered 500: database down',
    ])
    const malformed = async () => Response.json({ ids: 'none' })
    const [status, message] = await refusal(
      canSetKv({ proofServiceUrl: PROOF_SERVICE_URL, proofServiceFetch: malformed }, writer('github', 'alice')),
    )
    expect(status).toBe(502)
    expect(message).toMatch(/^ProofService error: unexpected response from http:\/\/proof-service\.test\/v1\/proof\?/)
  })
})

describe('canSetKv with the ProofService database in this process', () => {
  let service: TestProofService
  let queries = 0
  let counted: Queryable
  const walletKey = new Uint8Array(32).fill(0x61)
  const wallet = addressOf(getPublicKey(walletKey))
  beforeAll(async () => {
    service = await openTestProofService()
    counted = {
      query: (...args: Parameters<Queryable['query']>) => {
        queries += 1
        return service.db.query(...args)
      },
    } as Queryable
    const created = await submitBinding(service, {
      platform: 'ethereum',
      identity: wallet,
      extra: (signPayload) => ({
        signature: signBase64(signPayload, AVATAR_KEY),
        wallet_signature: signBase64(signPayload, walletKey),
      }),
    })
    expect(created.status).toBe(201)
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  const access = () => ({ proofServiceUrl: PROOF_SERVICE_URL, proofServiceDb: counted })
  const avatarWriter = (platform: Platform, identity: string) => ({
    avatar: parsePublicKey(AVATAR),
    platform,
    identity,
  })

  /** The queries one permission check makes, and its refusal if any. */
  async function check(platform: Platform, identity: string) {
    queries = 0
    const outcome = await canSetKv(access(), avatarWriter(platform, identity)).then(
      () => 'allowed',
      (error: unknown) => (error instanceof HttpError ? [error.status, error.message] : error),
    )
    return { outcome, queries }
  }

  it('answers with one lookup whether the avatar has one binding or the most it may have', async () => {
    const checksumCased = wallet.toUpperCase().replace('0X', '0x')
    expect(await check('ethereum', checksumCased)).toEqual({ outcome: 'allowed', queries: 1 })
    await service.db.query(
      `INSERT INTO proof (avatar, platform, identity, proof_chain_id, is_valid)
       SELECT $1, 'github', 'user' || n, (SELECT max(id) FROM proof_chain), false
       FROM generate_series(2, $2::int) AS n`,
      [AVATAR, MAX_BINDINGS_PER_AVATAR],
    )
    expect(await check('ethereum', wallet)).toEqual({ outcome: 'allowed', queries: 1 })
    // is_valid is ignored, as in the reference.
    expect(await check('github', 'user200')).toEqual({ outcome: 'allowed', queries: 1 })
    expect(await check('github', 'nobody')).toEqual({
      outcome: [400, 'Proof not found under this persona.'],
      queries: 1,
    })
    const stranger = { avatar: parsePublicKey(bob.avatar), platform: 'github' as const, identity: 'user2' }
    queries = 0
    expect(await refusal(canSetKv(access(), stranger))).toEqual([
      400,
      `Persona not found on ProofService: ${bob.avatar}`,
    ])
    expect(queries).toBe(1)
  })
})
