/**
 * Revalidation (§7.3, §15 #8) with real validators: Ethereum (pure crypto, its stored wallet
 * signature tampered with) and Twitter against the platform simulator in its real wire format —
 * Twitter is revalidated too, unlike the reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillSignature } from '../../src/protocol/index.js'
import { createPlatformSimulator, IN_PROCESS_URL } from '../../test/platform-simulator/index.js'
import { requestPayload, submissionBody, submitBinding } from '../../test/support/server/proof-service/test-bindings.js'
import {
  AVATAR,
  AVATAR_KEY,
  signBase64,
  WALLET_ADDRESS,
  WALLET_KEY,
} from '../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../test/support/server/proof-service/test-proof-service.js'
import { createEthereumValidator } from '../validators/ethereum.js'
import { createTwitterValidator } from '../validators/twitter.js'
import { revalidateProof } from './revalidate.js'

type ProofState = { id: string; is_valid: boolean; invalid_reason: string; alt_id: string; last_checked_at: Date }

describe('revalidation', () => {
  const simulator = createPlatformSimulator()
  const twitter = simulator.state.twitter
  let service: TestProofService
  let tweetText: string
  let tweetId: string

  const proofOf = async (identity: string) =>
    (
      await service.db.query<ProofState>(
        'SELECT id, is_valid, invalid_reason, alt_id, last_checked_at FROM proof WHERE identity = $1',
        [identity],
      )
    )[0] as ProofState
  const age = (identity: string, days = 4) =>
    service.db.query(`UPDATE proof SET last_checked_at = now() - make_interval(days => $2) WHERE identity = $1`, [
      identity,
      days,
    ])

  beforeAll(async () => {
    service = await openTestProofService({
      validators: [createEthereumValidator(), createTwitterValidator(simulator.configFor(IN_PROCESS_URL).twitter)],
      context: { fetch: simulator.fetch, timeoutMs: 5_000 },
    })
    twitter.addUser({ id: '4242', username: 'Alice' })
    const spec = { platform: 'twitter', identity: 'alice' }
    const payload = await requestPayload(service, spec)
    tweetText = fillSignature(payload.post_content.default, signBase64(payload.sign_payload, AVATAR_KEY))
    tweetId = twitter.publishTweet({ text: tweetText, authorId: '4242' }).id
    const body = submissionBody({ ...spec, proofLocation: tweetId }, payload)
    expect(await service.call('POST', '/v1/proof', body)).toEqual({ status: 201, json: {} })
    const wallet = await submitBinding(service, {
      platform: 'ethereum',
      identity: WALLET_ADDRESS,
      extra: (signPayload) => ({
        signature: signBase64(signPayload, AVATAR_KEY),
        wallet_signature: signBase64(signPayload, WALLET_KEY),
      }),
    })
    expect(wallet.status).toBe(201)
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  it('re-checks a Twitter proof from its stored link once it is old, and keeps a good one valid', async () => {
    expect((await proofOf('alice')).alt_id).toBe('4242')
    await age('alice')
    const before = await proofOf('alice')
    const requests = twitter.requests.length
    const { json } = await service.call('GET', '/v1/proof?identity=alice&platform=twitter&exact=true')
    // This answer is served as it was; the check runs behind it.
    expect(json.ids[0].proofs[0].last_checked_at).toBe(String(Math.floor(before.last_checked_at.getTime() / 1000)))
    await service.deps.revalidation.idle()
    expect(twitter.requests.length).toBeGreaterThan(requests)
    const after = await proofOf('alice')
    expect(after).toMatchObject({ is_valid: true, invalid_reason: '', alt_id: '4242' })
    expect(after.last_checked_at.getTime()).toBeGreaterThan(Date.now() - 60_000)
  })

  it('sets is_valid=false with the reason when the tweet is gone (a definite answer)', async () => {
    twitter.deleteTweet(tweetId)
    await age('alice')
    expect(await revalidateProof(service.deps, (await proofOf('alice')).id)).toBe('invalid')
    const state = await proofOf('alice')
    expect(state.is_valid).toBe(false)
    expect(state.invalid_reason).toMatch(/tweet/i)
  })

  it('leaves is_valid alone when Twitter gives no verdict (rate limited), but moves last_checked_at', async () => {
    twitter.publishTweet({ id: tweetId, text: tweetText, authorId: '4242' })
    twitter.rateLimited = true
    try {
      await age('alice')
      const { id, invalid_reason: reason } = await proofOf('alice')
      expect(await revalidateProof(service.deps, id)).toBe('unavailable')
      const state = await proofOf('alice')
      expect(state).toMatchObject({ is_valid: false, invalid_reason: reason })
      expect(state.last_checked_at.getTime()).toBeGreaterThan(Date.now() - 60_000)
    } finally {
      twitter.rateLimited = false
    }
  })

  it('makes the proof valid again once the tweet is back, through GET /v1/proof/exists', async () => {
    await age('alice')
    const res = await service.call('GET', `/v1/proof/exists?platform=twitter&identity=alice&public_key=${AVATAR}`)
    expect(res.json.is_valid).toBe(false)
    await service.deps.revalidation.idle()
    expect(await proofOf('alice')).toMatchObject({ is_valid: true, invalid_reason: '' })
  })

  it('does not re-check proofs checked recently, and checks a stale one once however often it is asked', async () => {
    const requests = twitter.requests.length
    await service.call('GET', '/v1/proof?identity=alice&platform=twitter&exact=true')
    await service.deps.revalidation.idle()
    expect(twitter.requests.length).toBe(requests)
    await age('alice')
    await Promise.all(Array.from({ length: 5 }, () => service.call('GET', '/v1/proof?identity=alice&exact=true')))
    await service.deps.revalidation.idle()
    // One check is one tweet lookup (plus at most the author lookup of the reference's flow).
    expect(twitter.requests.length - requests).toBeLessThanOrEqual(2)
    expect(twitter.requests.length - requests).toBeGreaterThan(0)
  })

  it('re-checks an Ethereum binding from its stored signatures: a tampered wallet signature is invalid', async () => {
    const { id } = await proofOf(WALLET_ADDRESS)
    const [link] = await service.db.query<{ id: string; extra: { wallet_signature: string } }>(
      'SELECT c.id, c.extra FROM proof p JOIN proof_chain c ON c.id = p.proof_chain_id WHERE p.id = $1',
      [id],
    )
    const original = link?.extra.wallet_signature as string
    const tampered = signBase64('something else', WALLET_KEY)
    const setExtra = (walletSignature: string) =>
      service.db.query('UPDATE proof_chain SET extra = $2::jsonb WHERE id = $1', [
        link?.id as string,
        JSON.stringify({ wallet_signature: walletSignature }),
      ])
    await setExtra(tampered)
    expect(await revalidateProof(service.deps, id)).toBe('invalid')
    expect((await proofOf(WALLET_ADDRESS)).invalid_reason).toMatch(
      /^ETH wallet signature validation failed: signed by 0x/,
    )
    await setExtra(original)
    expect(await revalidateProof(service.deps, id)).toBe('valid')
    expect(await proofOf(WALLET_ADDRESS)).toMatchObject({ is_valid: true, invalid_reason: '', alt_id: WALLET_ADDRESS })
  })

  it('reports a proof row that no longer exists as gone', async () => {
    expect(await revalidateProof(service.deps, '999999')).toBe('gone')
  })

  it('queues nothing after close', async () => {
    await age('alice')
    await service.deps.revalidation.close()
    const requests = twitter.requests.length
    await service.call('GET', '/v1/proof?identity=alice&exact=true')
    await service.deps.revalidation.idle()
    expect(twitter.requests.length).toBe(requests)
  })
})
