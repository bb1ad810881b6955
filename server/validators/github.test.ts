import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
import type { SimulatedGistFile } from '../../test/platform-simulator/github.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../test/platform-simulator/index.js'
import {
  AVATAR,
  closedPortUrl,
  HTTP,
  makeProof,
  NO_FETCH,
  OTHER_AVATAR,
  OTHER_KEY,
  type ProofOptions,
  rejection,
  TEST_PREV,
} from '../../test/support/server/validators/test-proofs.js'
import { createGithubValidator } from './github.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

let simulator: RunningPlatformSimulator
let validator: Validator

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createGithubValidator(simulator.config.github)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.github.rateLimit = null
  simulator.state.github.token = null
})

const FILE = `${AVATAR}.json`
const BAD_SIGNATURE = `bad signature: the signature in gist file ${FILE} is not this avatar's signature over the payload`

/** Publishes a proof gist owned by `login` and returns the request pointing at it. */
function proofGist(
  login: string,
  options: Partial<ProofOptions> & { file?: (post: string) => SimulatedGistFile } = {},
) {
  const proof = makeProof({ platform: 'github', identity: login, ...options })
  const file = options.file ? options.file(proof.post) : proof.post
  const id = simulator.state.github.publishGist({ owner: { login, id: 583231 }, files: { [FILE]: file } })
  return { ...proof, id, request: { ...proof.request, proofLocation: id } }
}

describe('createGithubValidator', () => {
  it("accepts a gist file signed over the rebuilt payload, keeping the avatar's extra.signature", async () => {
    const { request, id } = proofGist('octocat', { prev: TEST_PREV })
    const result = await validator.validate(request, HTTP)
    expect(result).toEqual({
      identity: 'octocat',
      altId: '583231',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
    const sent = simulator.state.github.requests.at(-1)
    expect(sent?.path).toBe(`/github/gists/${id}`)
    expect(sent?.headers).toMatchObject({
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'nextid-companion-proof-service',
    })
    expect(sent?.headers.authorization).toBeUndefined()
  })

  it('keeps the file signature when no extra.signature came (revalidation of an old link)', async () => {
    const { request, postSignature } = proofGist('octocat')
    const result = await validator.validate({ ...request, avatarSignature: undefined }, HTTP)
    expect(result.linkSignature).toBe(postSignature)
  })

  it('compares the owner login case-insensitively (§15 #9) and sends the token when configured', async () => {
    simulator.state.github.token = 'ghp_test'
    const withToken = createGithubValidator({ ...simulator.config.github, token: 'ghp_test' })
    const { request } = proofGist('OctoCat')
    expect(request.identity).toBe('octocat')
    expect((await withToken.validate(request, HTTP)).altId).toBe('583231')
    expect(simulator.state.github.requests.at(-1)?.headers.authorization).toBe('Bearer ghp_test')
  })

  it('rejects a gist owned by another account', async () => {
    const proof = makeProof({ platform: 'github', identity: 'alice' })
    const id = simulator.state.github.publishGist({ owner: { login: 'Mallory', id: 7 }, files: { [FILE]: proof.post } })
    const error = await rejection(validator.validate({ ...proof.request, proofLocation: id }, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe('gist owner mismatch: should be alice, but got Mallory')
  })

  it("rejects another avatar's signature, and a file naming another avatar", async () => {
    const forged = proofGist('bob', { signer: OTHER_KEY })
    expect((await rejection(validator.validate(forged.request, HTTP))).message).toBe(BAD_SIGNATURE)
    const other = proofGist('bob', { postAvatar: OTHER_AVATAR })
    expect((await rejection(validator.validate(other.request, HTTP))).message).toBe(
      `gist file ${FILE} is for another avatar: ${OTHER_AVATAR}`,
    )
  })

  it.each([
    ['another uuid', { uuid: '00000000-0000-4000-8000-000000000000' }],
    ['another prev (an old gist, §15 #10)', { prev: TEST_PREV }],
    ['another identity', { identity: 'carol2' }],
  ])('rejects a gist signed for %s', async (_, signedFor) => {
    const { request } = proofGist('carol', { signedFor })
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(BAD_SIGNATURE)
  })

  it('rejects a truncated file, a missing file, a file that is not a proof, and an ownerless gist', async () => {
    const truncated = proofGist('dave', { file: (post) => ({ content: post, truncated: true }) })
    expect((await rejection(validator.validate(truncated.request, HTTP))).message).toBe(
      `gist file ${FILE} is truncated`,
    )
    const { request } = makeProof({ platform: 'github', identity: 'dave' })
    const files = { [`${OTHER_AVATAR}.json`]: '{}', 'README.md': 'hi' }
    const noFile = simulator.state.github.publishGist({ owner: { login: 'dave', id: 1 }, files })
    expect((await rejection(validator.validate({ ...request, proofLocation: noFile }, HTTP))).message).toBe(
      `gist has no file ${FILE}`,
    )
    const notProof = simulator.state.github.publishGist({
      owner: { login: 'dave', id: 1 },
      files: { [FILE]: '{"version":"2"}' },
    })
    expect((await rejection(validator.validate({ ...request, proofLocation: notProof }, HTTP))).message).toBe(
      `gist file ${FILE} is not a Next.ID proof: "version" expected "1"`,
    )
    const anonymous = simulator.state.github.publishGist({ owner: null, files: { [FILE]: '{}' } })
    expect((await rejection(validator.validate({ ...request, proofLocation: anonymous }, HTTP))).message).toBe(
      `gist has no owner: ${anonymous}`,
    )
  })

  it('accepts a secret gist and rejects a deleted one as not found', async () => {
    const proof = makeProof({ platform: 'github', identity: 'erin' })
    const secret = simulator.state.github.publishGist({
      owner: { login: 'erin', id: 9 },
      files: { [FILE]: proof.post },
      public: false,
    })
    expect((await validator.validate({ ...proof.request, proofLocation: secret }, HTTP)).altId).toBe('9')
    simulator.state.github.deleteGist(secret)
    const error = await rejection(validator.validate({ ...proof.request, proofLocation: secret }, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`gist not found: ${secret}`)
  })

  it.each([403, 429] as const)('has no verdict when rate limited with %i', async (status) => {
    const { request } = proofGist('frank')
    simulator.state.github.rateLimit = status
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('github rate limit exceeded; try again later')
  })

  it('has no verdict on a bad token, a closed port or a server error', async () => {
    const { request } = proofGist('grace')
    const badToken = createGithubValidator({ ...simulator.config.github, token: 'wrong' })
    expect((await rejection(badToken.validate(request, HTTP))).message).toBe('github answered HTTP 401')
    const closed = createGithubValidator({ apiUrl: await closedPortUrl(), token: null })
    const unreachable = await rejection(closed.validate(request, HTTP))
    expect(unreachable).toBeInstanceOf(PlatformUnavailableError)
    expect(unreachable.message).toBe('github is unreachable (ECONNREFUSED)')
    const failing = { fetch: async () => new Response('oops', { status: 502 }), timeoutMs: 1_000 }
    expect((await rejection(validator.validate(request, failing))).message).toBe('github answered HTTP 502')
    const forbidden = { fetch: async () => new Response('{}', { status: 403 }), timeoutMs: 1_000 }
    expect((await rejection(validator.validate(request, forbidden))).message).toBe('github answered HTTP 403')
  })

  it('rejects a proof_location that is not a gist id, without fetching', async () => {
    const { request } = makeProof({ platform: 'github', identity: 'heidi' })
    for (const location of ['', 'https://gist.github.com/heidi/abc', 'xyz', '../users/heidi', 'a'.repeat(65)]) {
      const error = await rejection(validator.validate({ ...request, proofLocation: location }, NO_FETCH))
      expect(error.message).toBe('"proof_location" expected a gist id (hex digits)')
    }
  })

  it("deletes with the avatar's extra.signature alone, without fetching (§15 #10)", async () => {
    const { request } = makeProof({ platform: 'github', identity: 'ivan', action: 'delete', proofLocation: 'abc' })
    const result = await validator.validate(request, NO_FETCH)
    expect(result).toEqual({
      identity: 'ivan',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
    const error = await rejection(validator.validate({ ...request, avatarSignature: undefined }, NO_FETCH))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe('extra.signature not found')
  })

  it('is always configured', () => {
    expect(createGithubValidator({ apiUrl: 'https://api.github.com', token: null }).isConfigured).toBe(true)
  })
})

describe('the simulated GitHub API (platforms.md §3.2)', () => {
  it('serves the 404 body and the rate-limit headers', async () => {
    const missing = await fetch(`${simulator.url}/github/gists/abc`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/gists/gists#get-a-gist',
    })
    simulator.state.github.rateLimit = 429
    const limited = await fetch(`${simulator.url}/github/gists/abc`)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
  })

  it('keys files by name, keeps the login case and cuts truncated content', async () => {
    const id = simulator.state.github.publishGist({
      owner: { login: 'MiXeD', id: 5 },
      files: { 'a.json': '{"x":1}', 'b.txt': { content: 'abcdefgh', truncated: true } },
    })
    const body = await (await fetch(`${simulator.url}/github/gists/${id}`)).json()
    expect(body.owner).toMatchObject({ login: 'MiXeD', id: 5 })
    expect(body.files['a.json']).toMatchObject({ filename: 'a.json', truncated: false, content: '{"x":1}', size: 7 })
    expect(body.files['b.txt']).toMatchObject({ truncated: true, content: 'abcd', size: 8 })
  })
})
