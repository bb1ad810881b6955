import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../test/platform-simulator/index.js'
import type { SimulatedMindsOwner } from '../../test/platform-simulator/minds.js'
import {
  closedPortUrl,
  HTTP,
  makeProof,
  NO_FETCH,
  OTHER_KEY,
  rejection,
  TEST_PREV,
} from '../../test/support/server/validators/test-proofs.js'
import { createMindsValidator } from './minds.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

const BAD_SIGNATURE = `bad signature: the "Sig:" line of the minds post is not this avatar's signature over the payload`

let simulator: RunningPlatformSimulator
let validator: Validator
let nextGuid = 900_000_000_000_000_000n

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createMindsValidator(simulator.config.minds)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.minds.rateLimited = false
})

function owner(username: string): SimulatedMindsOwner {
  nextGuid += 1n
  return { guid: nextGuid.toString(), username, name: username }
}

/** A proof post by `by` for `identity` (as typed), and the request to validate it. */
function proofPost(identity: string, by: SimulatedMindsOwner, options: Partial<Parameters<typeof makeProof>[0]> = {}) {
  const proof = makeProof({ platform: 'minds', identity, ...options })
  const { guid } = simulator.state.minds.postActivity({ message: proof.post, owner: by })
  return { ...proof, guid, request: { ...proof.request, proofLocation: guid } }
}

describe('createMindsValidator', () => {
  it('accepts a post by the identity (compared lowercased) with the avatar signature', async () => {
    const alice = owner('Alice')
    const { request, guid, postSignature } = proofPost('Alice', alice)
    expect(request.identity).toBe('alice')
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: 'alice',
      altId: alice.guid,
      linkSignature: postSignature,
    })
    expect(simulator.state.minds.requests.at(-1)).toBe(
      `/minds/api/v2/entities/?urns=urn%3Aactivity%3A${guid}&as_activities=0&export_user_counts=false`,
    )
  })

  it('accepts a proof made on top of a previous link (the "Previous:" line)', async () => {
    const { request, post, postSignature } = proofPost('bob', owner('bob'), { prev: TEST_PREV })
    expect(post).toContain(`\nPrevious: ${TEST_PREV}\n`)
    expect((await validator.validate(request, HTTP)).linkSignature).toBe(postSignature)
  })

  it('rejects a post by another account', async () => {
    const { request } = proofPost('carol', owner('Mallory'))
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe('minds post is not sent by this account: expected @carol, got @Mallory')
  })

  it("rejects another avatar's signature and a post signed for a stale payload", async () => {
    const forged = proofPost('dave', owner('dave'), { signer: OTHER_KEY })
    expect((await rejection(validator.validate(forged.request, HTTP))).message).toBe(BAD_SIGNATURE)
    const stale = proofPost('dave', owner('dave'), { signedFor: { createdAt: '1699999999' } })
    const error = await rejection(validator.validate(stale.request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(BAD_SIGNATURE)
  })

  it('rejects a post without a Sig line', async () => {
    const { request } = makeProof({ platform: 'minds', identity: 'erin' })
    const { guid } = simulator.state.minds.postActivity({ message: 'hello minds', owner: owner('erin') })
    const error = await rejection(validator.validate({ ...request, proofLocation: guid }, HTTP))
    expect(error.message).toBe('minds post has no "Sig: <signature>" line')
  })

  it('rejects a deleted post (an empty entities list) as not found', async () => {
    const { request, guid } = proofPost('frank', owner('frank'))
    simulator.state.minds.deleteActivity(guid)
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`minds post not found: ${guid}`)
  })

  it('has no verdict when rate limited, unreachable or answering garbage', async () => {
    const { request } = proofPost('grace', owner('grace'))
    simulator.state.minds.rateLimited = true
    const limited = await rejection(validator.validate(request, HTTP))
    expect(limited).toBeInstanceOf(PlatformUnavailableError)
    expect(limited.message).toBe('minds answered HTTP 429')
    const closed = createMindsValidator({ apiUrl: await closedPortUrl() })
    expect((await rejection(closed.validate(request, HTTP))).message).toBe('minds is unreachable (ECONNREFUSED)')
    const garbage = { fetch: async () => Response.json({ status: 'error' }), timeoutMs: 1_000 }
    expect((await rejection(validator.validate(request, garbage))).message).toBe(
      'minds answered without an entities list',
    )
  })

  it('rejects a proof_location that is not a post id, without fetching', async () => {
    const { request } = makeProof({ platform: 'minds', identity: 'judy' })
    for (const location of ['', 'https://www.minds.com/newsfeed/1', '1a', '../users', '1'.repeat(21)]) {
      const error = await rejection(validator.validate({ ...request, proofLocation: location }, NO_FETCH))
      expect(error.message).toBe('"proof_location" expected a Minds post id (the number in minds.com/newsfeed/<id>)')
    }
  })

  it('deletes with the avatar signature alone, without fetching', async () => {
    const { request } = makeProof({ platform: 'minds', identity: 'kim', action: 'delete', proofLocation: '1' })
    expect(await validator.validate(request, NO_FETCH)).toEqual({
      identity: 'kim',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
  })
})

describe('the simulated Minds API (platforms.md §3.6)', () => {
  it('answers entities by urn, and an empty list for a missing post', async () => {
    const by = owner('zed')
    const { guid } = simulator.state.minds.postActivity({ message: 'hi', owner: by })
    const found = await fetch(`${simulator.url}/minds/api/v2/entities/?urns=urn%3Aactivity%3A${guid}`)
    expect(await found.json()).toMatchObject({
      status: 'success',
      entities: [{ guid, type: 'activity', message: 'hi', ownerObj: { guid: by.guid, username: 'zed' } }],
    })
    const missing = await fetch(`${simulator.url}/minds/api/v2/entities/?urns=urn:activity:1`)
    expect(await missing.json()).toEqual({ status: 'success', entities: [] })
  })
})
