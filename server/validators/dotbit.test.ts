import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64, formatPublicKey, parsePublicKey } from '../../src/crypto/index.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../test/platform-simulator/index.js'
import {
  AVATAR,
  closedPortUrl,
  HTTP,
  makeProof,
  NO_FETCH,
  OTHER_AVATAR,
  OTHER_KEY,
  rejection,
  TEST_PREV,
} from '../../test/support/server/validators/test-proofs.js'
import { createDotbitValidator } from './dotbit.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

const BAD_SIGNATURE = (account: string) =>
  `bad signature: the nextid record of ${account} is not this avatar's signature over the payload`

let simulator: RunningPlatformSimulator
let validator: Validator

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createDotbitValidator(simulator.config.dotbit)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.dotbit.failing = false
  simulator.state.dotbit.down = false
})

/** Registers `account` with a nextid record holding the proof's post (`0x<avatar>:<signature>`). */
function proofRecord(account: string, options: Partial<Parameters<typeof makeProof>[0]> = {}) {
  const proof = makeProof({ platform: 'dotbit', identity: account, ...options })
  simulator.state.dotbit.register(account.toLowerCase())
  simulator.state.dotbit.setProfileRecord(account.toLowerCase(), 'nextid', proof.post)
  return proof
}

describe('createDotbitValidator', () => {
  it('accepts the nextid profile record signed over the rebuilt payload', async () => {
    const { request, post, postSignature } = proofRecord('Alice.bit')
    expect(post).toBe(`${AVATAR}:${postSignature}`)
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: 'alice.bit',
      altId: '',
      linkSignature: postSignature,
    })
    expect(simulator.state.dotbit.requests.at(-1)).toBe('alice.bit')
  })

  it('finds the record for this avatar among others, and a valid one after a stale one', async () => {
    const stale = makeProof({ platform: 'dotbit', identity: 'bob.bit' })
    simulator.state.dotbit.register('bob.bit')
    const dotbit = simulator.state.dotbit
    const { request, post, postSignature } = makeProof({ platform: 'dotbit', identity: 'bob.bit', prev: TEST_PREV })
    for (const value of [`${OTHER_AVATAR}:${postSignature}`, 'not a proof', stale.post, post]) {
      dotbit.addProfileRecord('bob.bit', 'nextid', value)
    }
    dotbit.addProfileRecord('bob.bit', 'twitter', 'bob')
    expect((await validator.validate(request, HTTP)).linkSignature).toBe(postSignature)
  })

  it('reads the key with an uncompressed or upper-case avatar, as parseDotbitRecord does', async () => {
    const { request, postSignature } = proofRecord('carol.bit')
    const uncompressed = formatPublicKey(parsePublicKey(AVATAR, 'avatar'), { compressed: false })
    simulator.state.dotbit.setProfileRecord('carol.bit', 'nextid', `${uncompressed}:${postSignature}`)
    expect((await validator.validate(request, HTTP)).linkSignature).toBe(postSignature)
  })

  it("rejects another avatar's signature and a record signed for a stale payload", async () => {
    const forged = proofRecord('dave.bit', { signer: OTHER_KEY })
    const error = await rejection(validator.validate(forged.request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(BAD_SIGNATURE('dave.bit'))
    const stale = proofRecord('erin.bit', { signedFor: { uuid: '00000000-0000-4000-8000-000000000000' } })
    expect((await rejection(validator.validate(stale.request, HTTP))).message).toBe(BAD_SIGNATURE('erin.bit'))
  })

  it('rejects an account with no nextid record for this avatar', async () => {
    const { request, postSignature } = proofRecord('frank.bit')
    simulator.state.dotbit.setProfileRecord('frank.bit', 'nextid', `${OTHER_AVATAR}:${postSignature}`)
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`.bit account frank.bit has no nextid record for avatar ${AVATAR}`)
    simulator.state.dotbit.removeRecords('frank.bit', 'nextid')
    expect((await rejection(validator.validate(request, HTTP))).message).toBe(error.message)
  })

  it('rejects an account that does not exist (err_no 20007)', async () => {
    const { request } = makeProof({ platform: 'dotbit', identity: 'nobody.bit' })
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe('.bit account not found: nobody.bit')
  })

  it('has no verdict on an internal err_no, an HTTP error, an unreachable API or garbage', async () => {
    const { request } = proofRecord('grace.bit')
    simulator.state.dotbit.failing = true
    const failing = await rejection(validator.validate(request, HTTP))
    expect(failing).toBeInstanceOf(PlatformUnavailableError)
    expect(failing.message).toBe('dotbit answered err_no 500: internal error')
    simulator.state.dotbit.down = true
    expect((await rejection(validator.validate(request, HTTP))).message).toBe('dotbit answered HTTP 503')
    const closed = createDotbitValidator({ apiUrl: await closedPortUrl() })
    expect((await rejection(closed.validate(request, HTTP))).message).toBe('dotbit is unreachable (ECONNREFUSED)')
    const garbage = { fetch: async () => new Response('{"err_no":0,"data":{"records":{}}}'), timeoutMs: 1_000 }
    expect((await rejection(validator.validate(request, garbage))).message).toBe(
      'dotbit answered records that are not a list',
    )
  })

  it("reads the indexer's spelling too: errno and key profile.nextid", async () => {
    const { request, post, postSignature } = makeProof({ platform: 'dotbit', identity: 'heidi.bit' })
    const body = {
      errno: 0,
      errmsg: '',
      data: { records: [{ key: 'profile.nextid', label: '', value: post, ttl: '300' }] },
    }
    const indexer = { fetch: async () => Response.json(body), timeoutMs: 1_000 }
    expect((await validator.validate(request, indexer)).linkSignature).toBe(postSignature)
    const missing = {
      fetch: async () => Response.json({ errno: 20007, errmsg: 'account not exist' }),
      timeoutMs: 1_000,
    }
    expect((await rejection(validator.validate(request, missing))).message).toBe('.bit account not found: heidi.bit')
  })

  it('rejects an identity that is not a .bit account without fetching', async () => {
    const { request } = makeProof({ platform: 'dotbit', identity: 'alice.eth' })
    const error = await rejection(validator.validate(request, NO_FETCH))
    expect(error.message).toBe('"identity" expected a .bit account like alice.bit')
  })

  it('deletes with the avatar signature alone, without fetching', async () => {
    const { request } = makeProof({ platform: 'dotbit', identity: 'kim.bit', action: 'delete' })
    expect(await validator.validate(request, NO_FETCH)).toEqual({
      identity: 'kim.bit',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
  })

  it('is always configured', () => {
    expect(validator.isConfigured).toBe(true)
  })
})

describe('the simulated .bit API (platforms.md §3.7)', () => {
  const records = (body: unknown) =>
    fetch(`${simulator.url}/dotbit/v1/account/records`, { method: 'POST', body: JSON.stringify(body) })

  it('answers records, and errors as HTTP 200 with err_no', async () => {
    simulator.state.dotbit.register('zed.bit')
    simulator.state.dotbit.setProfileRecord('zed.bit', 'nextid', '0x02:sig')
    expect(await (await records({ account: 'zed.bit' })).json()).toEqual({
      err_no: 0,
      err_msg: '',
      data: {
        account: 'zed.bit',
        records: [{ key: 'nextid', type: 'profile', label: '', value: '0x02:sig', ttl: '300' }],
      },
    })
    const missing = await records({ account: 'none.bit' })
    expect([missing.status, await missing.json()]).toEqual([
      200,
      { err_no: 20007, err_msg: 'account not exist', data: null },
    ])
    expect(await (await records({ account: 'no spaces.bit' })).json()).toMatchObject({ err_no: 20006 })
    expect(await (await records({})).json()).toMatchObject({ err_no: 10000 })
  })
})
