import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../test/platform-simulator/index.js'
import {
  closedPortUrl,
  HTTP,
  makeProof,
  NO_FETCH,
  OTHER_AVATAR,
  OTHER_KEY,
  rejection,
  TEST_PREV,
} from '../../test/support/server/validators/test-proofs.js'
import { createTwitterValidator } from './twitter.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

let simulator: RunningPlatformSimulator
let validator: Validator
let nextUserId = 1_000

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createTwitterValidator(simulator.config.twitter)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.twitter.rateLimited = false
})

/** Publishes `text` as a tweet by a fresh user called `username` and returns the tweet id. */
function tweet(username: string, text: string): string {
  nextUserId += 1
  const user = simulator.state.twitter.addUser({ id: String(nextUserId), username })
  return simulator.state.twitter.publishTweet({ text, authorId: user.id }).id
}

/** A valid proof tweet by `username` (as typed), and the request to validate it. */
function proofTweet(username: string, options: Partial<Parameters<typeof makeProof>[0]> = {}) {
  const proof = makeProof({ platform: 'twitter', identity: username, ...options })
  const id = tweet(username, proof.post)
  return { ...proof, id, request: { ...proof.request, proofLocation: id } }
}

describe('createTwitterValidator', () => {
  it('accepts a tweet with the avatar signature over the rebuilt payload', async () => {
    const { request, id, postSignature } = proofTweet('Alice_Proof')
    const result = await validator.validate(request, HTTP)
    const authorId = simulator.state.twitter.lookup(id)
    expect(authorId).not.toBe('not found')
    expect(result).toEqual({
      identity: 'alice_proof',
      altId: typeof authorId === 'object' ? authorId.tweet.authorId : '',
      linkSignature: postSignature,
    })
    expect(simulator.state.twitter.requests.at(-1)).toBe(
      `/twitter/2/tweets/${id}?expansions=author_id&user.fields=username`,
    )
  })

  it('accepts a proof made on top of a previous link', async () => {
    const { request, postSignature } = proofTweet('bob', { prev: TEST_PREV })
    expect((await validator.validate(request, HTTP)).linkSignature).toBe(postSignature)
  })

  it('rejects a tweet by another account', async () => {
    const proof = makeProof({ platform: 'twitter', identity: 'alice' })
    const id = tweet('mallory', proof.post)
    const error = await rejection(validator.validate({ ...proof.request, proofLocation: id }, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe('tweet is not sent by this account: expected @alice, got @mallory')
  })

  it("rejects another avatar's signature", async () => {
    const { request } = proofTweet('carol', { signer: OTHER_KEY })
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(
      `bad signature: the "Sig:" line of the tweet is not this avatar's signature over the payload`,
    )
    expect(OTHER_AVATAR).not.toBe(request.avatar)
  })

  it.each([
    ['another uuid', { uuid: '00000000-0000-4000-8000-000000000000' }],
    ['another prev', { prev: TEST_PREV }],
    ['another created_at', { createdAt: '1700000001' }],
  ])('rejects a tweet signed for %s', async (_, signedFor) => {
    const { request } = proofTweet('dave', { signedFor })
    const error = await rejection(validator.validate(request, HTTP))
    expect(error.message).toBe(
      `bad signature: the "Sig:" line of the tweet is not this avatar's signature over the payload`,
    )
  })

  it('rejects a tweet without a Sig line, or with a signature that is not base64', async () => {
    const { request } = makeProof({ platform: 'twitter', identity: 'erin' })
    const plain = tweet('erin', 'just a tweet\nSig:')
    const error = await rejection(validator.validate({ ...request, proofLocation: plain }, HTTP))
    expect(error.message).toBe('tweet has no "Sig: <signature>" line')
    const emoji = tweet('erin', 'Sig: 🎭🎭🎭')
    expect((await rejection(validator.validate({ ...request, proofLocation: emoji }, HTTP))).message).toBe(
      'bad signature: the "Sig:" line of the tweet is not standard base64',
    )
    const short = tweet('erin', `Sig: ${encodeBase64(new Uint8Array(64))}`)
    expect((await rejection(validator.validate({ ...request, proofLocation: short }, HTTP))).message).toBe(
      'bad signature: the "Sig:" line of the tweet has 64 bytes instead of 65',
    )
  })

  it('rejects a deleted tweet as not found', async () => {
    const { request, id } = proofTweet('frank')
    simulator.state.twitter.deleteTweet(id)
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`tweet not found: ${id}`)
  })

  it('rejects a tweet of a protected or suspended account', async () => {
    const { request, id } = proofTweet('grace')
    const found = simulator.state.twitter.lookup(id)
    if (typeof found !== 'object') throw new Error('tweet missing')
    simulator.state.twitter.setProtected(found.author.id, true)
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`tweet cannot be read: ${id} (protected or suspended account)`)
  })

  it('has no verdict on 401 (wrong token) or 429 (rate limited)', async () => {
    const { request } = proofTweet('heidi')
    const wrongToken = createTwitterValidator({ ...simulator.config.twitter, bearerToken: 'wrong' })
    const unauthorized = await rejection(wrongToken.validate(request, HTTP))
    expect(unauthorized).toBeInstanceOf(PlatformUnavailableError)
    expect(unauthorized.message).toBe('twitter answered HTTP 401')
    simulator.state.twitter.rateLimited = true
    const limited = await rejection(validator.validate(request, HTTP))
    expect(limited).toBeInstanceOf(PlatformUnavailableError)
    expect(limited.message).toBe('twitter answered HTTP 429')
  })

  it('has no verdict when the API is unreachable or answers garbage', async () => {
    const { request } = proofTweet('ivan')
    const closed = createTwitterValidator({ apiUrl: await closedPortUrl(), bearerToken: 't' })
    const error = await rejection(closed.validate(request, HTTP))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('twitter is unreachable (ECONNREFUSED)')
    const garbage = { fetch: async () => new Response('{"data":{"id":"1"}}'), timeoutMs: 1_000 }
    const malformed = await rejection(validator.validate(request, garbage))
    expect(malformed).toBeInstanceOf(PlatformUnavailableError)
    expect(malformed.message).toBe('twitter answered a tweet without text or author_id')
    const unknown = { fetch: async () => new Response('{"errors":[{"title":"Oops"}]}'), timeoutMs: 1_000 }
    expect((await rejection(validator.validate(request, unknown))).message).toBe(
      'twitter answered no tweet and the error "Oops"',
    )
  })

  it('rejects a proof_location that is not a tweet id, without fetching', async () => {
    const { request } = makeProof({ platform: 'twitter', identity: 'judy' })
    for (const location of ['', 'https://x.com/judy/status/1', '12a', '1'.repeat(20), '../users/1']) {
      const error = await rejection(validator.validate({ ...request, proofLocation: location }, NO_FETCH))
      expect(error.message).toBe('"proof_location" expected a tweet id (decimal digits)')
    }
  })

  it('deletes with the avatar signature alone, without fetching', async () => {
    const { request } = makeProof({ platform: 'twitter', identity: 'kim', action: 'delete', proofLocation: '1' })
    const result = await validator.validate(request, NO_FETCH)
    expect(result).toEqual({
      identity: 'kim',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
    const missing = await rejection(validator.validate({ ...request, avatarSignature: undefined }, NO_FETCH))
    expect(missing).toBeInstanceOf(ProofRejectedError)
    expect(missing.message).toBe('extra.signature not found')
    const forged = makeProof({ platform: 'twitter', identity: 'kim', action: 'delete', prev: TEST_PREV }).request
    const stale = await rejection(validator.validate({ ...request, avatarSignature: forged.avatarSignature }, NO_FETCH))
    expect(stale.message).toBe("bad signature: extra.signature is not this avatar's signature over the payload")
  })

  it('is not configured without a bearer token', async () => {
    const unconfigured = createTwitterValidator({ apiUrl: simulator.config.twitter.apiUrl, bearerToken: null })
    expect(unconfigured.isConfigured).toBe(false)
    expect(validator.isConfigured).toBe(true)
    const { request } = proofTweet('leo')
    const error = await rejection(unconfigured.validate(request, HTTP))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('twitter is not configured on this server')
  })
})

describe('the simulated Twitter API (platforms.md §3.1)', () => {
  const get = (path: string, token = simulator.config.twitter.bearerToken) =>
    fetch(`${simulator.url}/twitter${path}`, { headers: { authorization: `Bearer ${token}` } })

  it('serves the reference two-call flow: /2/tweets?ids= then /2/users/:id', async () => {
    const user = simulator.state.twitter.addUser({ id: '42', username: 'Zed', name: 'Zed Z' })
    const { id } = simulator.state.twitter.publishTweet({ text: 'hi', authorId: user.id })
    const many = await get(`/2/tweets?ids=${id},1`)
    expect(many.headers.get('x-rate-limit-remaining')).toBe('899')
    expect(await many.json()).toEqual({
      data: [{ id, text: 'hi', edit_history_tweet_ids: [id] }],
      errors: [
        {
          value: '1',
          detail: 'Could not find tweet with ids: [1].',
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: '1',
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ],
    })
    expect(await (await get('/2/users/42')).json()).toEqual({ data: { id: '42', username: 'Zed', name: 'Zed Z' } })
  })

  it('answers 401 without the bearer token and 429 with exhausted rate headers', async () => {
    const unauthorized = await get('/2/tweets/1', 'nope')
    expect(unauthorized.status).toBe(401)
    expect(await unauthorized.json()).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    })
    simulator.state.twitter.rateLimited = true
    const limited = await get('/2/tweets/1')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0')
    expect((await get('/2/tweets/abc')).status).toBe(429)
    simulator.state.twitter.rateLimited = false
    expect((await get('/2/tweets/abc')).status).toBe(400)
  })
})
