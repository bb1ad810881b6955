import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../test/platform-simulator/index.js'
import {
  closedPortUrl,
  HTTP,
  makeProof,
  NO_FETCH,
  OTHER_KEY,
  type ProofOptions,
  rejection,
  TEST_PREV,
  TEST_UUID,
} from '../../test/support/server/validators/test-proofs.js'
import { createDnsValidator } from './dns.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

let simulator: RunningPlatformSimulator
let validator: Validator
let nextDomain = 0

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createDnsValidator(simulator.config.dns)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.dns.failWithStatus = null
  simulator.state.dns.failWithRcode = null
})

const BAD_SIGNATURE = "bad signature: the sig of the TXT record is not this avatar's signature over the payload"

/** A fresh domain (as typed, mixed case) and the proof request for it, with the record not yet published. */
function proofFor(options: Partial<ProofOptions> = {}) {
  nextDomain += 1
  const domain = `Proof-${nextDomain}.Example.com`
  const proof = makeProof({ platform: 'dns', identity: domain, ...options })
  return { ...proof, domain }
}

describe('createDnsValidator', () => {
  it('accepts the TXT record with this uuid among other records', async () => {
    const { request, post, postSignature, domain } = proofFor({ prev: TEST_PREV })
    simulator.state.dns.addTxt(domain, 'v=spf1 -all')
    simulator.state.dns.addTxt(domain, post.replace(TEST_UUID, '00000000-0000-4000-8000-000000000000'))
    simulator.state.dns.addTxt(domain, post)
    expect(request.identity).toBe(domain.toLowerCase())
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: request.identity,
      altId: '',
      linkSignature: postSignature,
    })
    expect(simulator.state.dns.requests.at(-1)).toBe(`?name=${request.identity}&type=TXT`)
  })

  it('joins a record split into several strings (§15 #22)', async () => {
    const { request, post, domain } = proofFor({ prev: TEST_PREV })
    expect(post.length).toBeGreaterThan(200)
    simulator.state.dns.addTxt(domain, post.slice(0, 100), post.slice(100, 200), post.slice(200))
    expect((await validator.validate(request, HTTP)).identity).toBe(request.identity)
  })

  it('finds a valid record even when an earlier one with the same uuid is stale', async () => {
    const { request, post, domain } = proofFor()
    const stale = proofFor({ signedFor: { createdAt: '1600000000' } }).post
    simulator.state.dns.addTxt(domain, stale)
    simulator.state.dns.addTxt(domain, post)
    expect((await validator.validate(request, HTTP)).identity).toBe(request.identity)
  })

  it("rejects another avatar's signature", async () => {
    const { request, post, domain } = proofFor({ signer: OTHER_KEY })
    simulator.state.dns.addTxt(domain, post)
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(BAD_SIGNATURE)
  })

  it.each([
    ['another prev', { prev: TEST_PREV }],
    ['another created_at', { createdAt: '1700000001' }],
  ])('rejects a record signed for %s', async (_, signedFor) => {
    const { request, post, domain } = proofFor({ signedFor })
    simulator.state.dns.addTxt(domain, post)
    expect((await rejection(validator.validate(request, HTTP))).message).toBe(BAD_SIGNATURE)
  })

  it('rejects when no record has this uuid', async () => {
    const { request, post, domain } = proofFor({ signedFor: { uuid: '00000000-0000-4000-8000-000000000000' } })
    simulator.state.dns.addTxt(domain, post)
    simulator.state.dns.addTxt(domain, 'ps:true;v:1;sig:nope')
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`no Next.ID TXT record for uuid ${TEST_UUID} at ${request.identity}`)
  })

  it('rejects a domain without TXT records and a domain that does not exist (NXDOMAIN)', async () => {
    const { request, domain } = proofFor()
    simulator.state.dns.addDomain(domain)
    expect((await rejection(validator.validate(request, HTTP))).message).toBe(
      `no Next.ID TXT record for uuid ${TEST_UUID} at ${request.identity}`,
    )
    simulator.state.dns.removeDomain(domain)
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`domain not found: ${request.identity}`)
  })

  it('has no verdict on SERVFAIL, an HTTP error or a closed port', async () => {
    const { request, post, domain } = proofFor()
    simulator.state.dns.addTxt(domain, post)
    simulator.state.dns.failWithRcode = 2
    const servfail = await rejection(validator.validate(request, HTTP))
    expect(servfail).toBeInstanceOf(PlatformUnavailableError)
    expect(servfail.message).toBe(`DNS over HTTPS lookup of ${request.identity} failed: rcode 2`)
    simulator.state.dns.failWithRcode = null
    simulator.state.dns.failWithStatus = 503
    expect((await rejection(validator.validate(request, HTTP))).message).toBe('DNS over HTTPS answered HTTP 503')
    const closed = createDnsValidator({ dohUrl: `${await closedPortUrl()}/dns-query` })
    const unreachable = await rejection(closed.validate(request, HTTP))
    expect(unreachable).toBeInstanceOf(PlatformUnavailableError)
    expect(unreachable.message).toBe('DNS over HTTPS is unreachable (ECONNREFUSED)')
  })

  it('rejects an identity that is not a domain name, without fetching', async () => {
    const { request } = proofFor()
    for (const identity of ['a..b', 'exa mple.com', `${'a'.repeat(64)}.com`, '-a.com', 'a.com/x']) {
      const error = await rejection(validator.validate({ ...request, identity }, NO_FETCH))
      expect(error.message).toBe('"identity" expected a domain name')
    }
  })

  it('deletes with the avatar signature alone, without fetching (§15 #11)', async () => {
    const { request } = proofFor({ action: 'delete' })
    const result = await validator.validate(request, NO_FETCH)
    expect(result.linkSignature).toBe(encodeBase64(request.avatarSignature as Uint8Array))
    expect((await rejection(validator.validate({ ...request, avatarSignature: undefined }, NO_FETCH))).message).toBe(
      'extra.signature not found',
    )
  })
})

describe('the simulated DNS-over-HTTPS JSON API (platforms.md §3.3)', () => {
  const query = (search: string, accept = 'application/dns-json') =>
    fetch(`${simulator.url}/doh/dns-query${search}`, { headers: { accept } })

  it('answers TXT data in presentation form, one Answer per record', async () => {
    simulator.state.dns.addTxt('split.example', 'part "1"', 'part\\2')
    simulator.state.dns.addTxt('split.example', 'other')
    const body = await (await query('?name=Split.Example.&type=TXT')).json()
    expect(body).toMatchObject({ Status: 0, Question: [{ name: 'split.example', type: 16 }] })
    expect(body.Answer).toEqual([
      { name: 'split.example', type: 16, TTL: 300, data: '"part \\"1\\"" "part\\\\2"' },
      { name: 'split.example', type: 16, TTL: 300, data: '"other"' },
    ])
  })

  it('answers NXDOMAIN with no Answer, and HTTP 400 for a bad request', async () => {
    const body = await (await query('?name=missing.example&type=TXT')).json()
    expect(body.Status).toBe(3)
    expect(body.Answer).toBeUndefined()
    expect(body.Authority).toHaveLength(1)
    expect((await query('?type=TXT')).status).toBe(400)
    expect((await query('?name=a..b&type=TXT')).status).toBe(400)
    expect((await query('?name=missing.example&type=TXT', '*/*')).status).toBe(400)
  })
})
