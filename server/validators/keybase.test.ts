import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
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
import { createKeybaseValidator } from './keybase.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

let simulator: RunningPlatformSimulator
let validator: Validator

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createKeybaseValidator(simulator.config.keybase)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.keybase.failWithStatus = null
})

const PATH = `NextID/${AVATAR}.json`
const BAD_SIGNATURE = `bad signature: the signature in keybase file ${PATH} is not this avatar's signature over the payload`

/** Publishes the proof file for `username` (as typed) and returns the request. */
function proofFile(username: string, options: Partial<ProofOptions> = {}) {
  const proof = makeProof({ platform: 'keybase', identity: username, ...options })
  simulator.state.keybase.publishProof(username, AVATAR, proof.post)
  return proof
}

describe('createKeybaseValidator', () => {
  it('accepts the public proof file, with altId = the username', async () => {
    const { request, postSignature } = proofFile('Alice', { prev: TEST_PREV })
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: 'alice',
      altId: 'alice',
      linkSignature: postSignature,
    })
    expect(simulator.state.keybase.requests.at(-1)).toBe(`/keybase/alice/${PATH}`)
    expect(simulator.config.keybase.urlTemplate).toBe(`${simulator.url}/keybase/{username}`)
  })

  it("rejects another avatar's signature, a file naming another avatar, and a stale payload", async () => {
    const forged = proofFile('bob', { signer: OTHER_KEY })
    expect((await rejection(validator.validate(forged.request, HTTP))).message).toBe(BAD_SIGNATURE)
    const other = proofFile('bob', { postAvatar: OTHER_AVATAR })
    expect((await rejection(validator.validate(other.request, HTTP))).message).toBe(
      `keybase file ${PATH} is for another avatar: ${OTHER_AVATAR}`,
    )
    const stale = proofFile('bob', { signedFor: { uuid: '00000000-0000-4000-8000-000000000000' } })
    const error = await rejection(validator.validate(stale.request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(BAD_SIGNATURE)
  })

  it('rejects a missing file and a file that is not a proof', async () => {
    const { request } = makeProof({ platform: 'keybase', identity: 'carol' })
    const missing = await rejection(validator.validate(request, HTTP))
    expect(missing).toBeInstanceOf(ProofRejectedError)
    expect(missing.message).toBe(`keybase file not found: ${PATH} of carol`)
    simulator.state.keybase.publishProof('carol', AVATAR, 'hello')
    expect((await rejection(validator.validate(request, HTTP))).message).toBe(
      `keybase file ${PATH} is not a Next.ID proof: "text" is not a JSON proof document`,
    )
  })

  it('has no verdict on a server error or a closed port', async () => {
    const { request } = proofFile('dave')
    simulator.state.keybase.failWithStatus = 503
    const failing = await rejection(validator.validate(request, HTTP))
    expect(failing).toBeInstanceOf(PlatformUnavailableError)
    expect(failing.message).toBe('keybase answered HTTP 503')
    const closed = createKeybaseValidator({ urlTemplate: `${await closedPortUrl()}/{username}` })
    expect((await rejection(closed.validate(request, HTTP))).message).toBe('keybase is unreachable (ECONNREFUSED)')
  })

  it('rejects a username that cannot be a keybase.pub host, without fetching', async () => {
    const { request } = makeProof({ platform: 'keybase', identity: 'erin' })
    for (const identity of ['a.b', 'evil.com/x', 'a'.repeat(17), 'a-b']) {
      const error = await rejection(validator.validate({ ...request, identity }, NO_FETCH))
      expect(error.message).toBe('"identity" expected a Keybase username (letters, digits and _, at most 16)')
    }
  })

  it('deletes with the avatar signature alone, without fetching (§15 #11)', async () => {
    const { request } = makeProof({ platform: 'keybase', identity: 'frank', action: 'delete' })
    const result = await validator.validate(request, NO_FETCH)
    expect(result).toEqual({
      identity: 'frank',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
  })
})
