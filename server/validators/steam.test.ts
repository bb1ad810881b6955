import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../test/platform-simulator/index.js'
import {
  closedPortUrl,
  HTTP,
  makeProof,
  NO_FETCH,
  OTHER_KEY,
  rejection,
  TEST_PREV,
} from '../../test/support/server/validators/test-proofs.js'
import { createSteamValidator, isSteamId64 } from './steam.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

const BAD_SIGNATURE = `bad signature: the "NextID proof:" entry of the steam profile summary is not this avatar's signature over the payload`
// SteamID64 = 0x0110000100000000 + account number: individual account, public universe.
const FIRST_ID = 76_561_197_960_265_728n

let simulator: RunningPlatformSimulator
let validator: Validator
let nextAccount = 132_276_035n

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createSteamValidator(simulator.config.steam)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.steam.rateLimited = false
  simulator.state.steam.down = false
})

/** A new profile with this custom URL and summary; returns its SteamID64. */
function profile(customUrl: string, summary = ''): string {
  nextAccount += 1n
  const steamId64 = (FIRST_ID + nextAccount).toString()
  simulator.state.steam.setProfile({ steamId64, customUrl, personaName: customUrl || 'anon', summary })
  return steamId64
}

/** A profile whose summary holds the proof (between other lines), and the request to validate it. */
function proofProfile(customUrl: string, options: Partial<Parameters<typeof makeProof>[0]> = {}) {
  const steamId64 = profile(customUrl)
  const proof = makeProof({ platform: 'steam', identity: steamId64, ...options })
  simulator.state.steam.setSummary(steamId64, `i like ash\n${proof.post}\ngg`)
  return { ...proof, steamId64 }
}

describe('isSteamId64', () => {
  it('accepts individual accounts of the public universe only', () => {
    expect(isSteamId64('76561198092541763')).toBe(true)
    expect(isSteamId64(FIRST_ID.toString())).toBe(true)
    expect(isSteamId64((FIRST_ID - 1n).toString())).toBe(false)
    expect(isSteamId64((FIRST_ID + 2n ** 32n).toString())).toBe(false)
    // A group (clan) id: account type 7.
    expect(isSteamId64('103582791429521412')).toBe(false)
    expect(isSteamId64('76561198092541763 ')).toBe(false)
    expect(isSteamId64('gabelogannewell')).toBe(false)
  })
})

describe('createSteamValidator', () => {
  it('resolves a custom URL (any case) to the SteamID64 and keeps a SteamID64 without fetching', async () => {
    const steamId64 = profile('BeFoRE-CS')
    const resolve = validator.resolveIdentity
    if (!resolve) throw new Error('steam must resolve identities')
    expect(await resolve('before-cs', HTTP)).toBe(steamId64)
    expect(simulator.state.steam.requests.at(-1)).toBe('/steam/id/before-cs/?xml=1')
    expect(await resolve(steamId64, NO_FETCH)).toBe(steamId64)
    const missing = await rejection(resolve('nobody-here', HTTP))
    expect(missing).toBeInstanceOf(ProofRejectedError)
    expect(missing.message).toBe('steam profile not found: nobody-here (The specified profile could not be found.)')
    const bad = await rejection(resolve('../profiles/1', NO_FETCH))
    expect(bad).toBeInstanceOf(InvalidInputError)
    expect(bad.message).toBe('"identity" expected a SteamID64 or a Steam custom URL name (letters, digits, _ and -)')
  })

  it('accepts the proof in the profile summary; identity SteamID64, alt_id the custom URL lowercased', async () => {
    const { request, steamId64 } = proofProfile('Alice_Steam', { prev: TEST_PREV })
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: steamId64,
      altId: 'alice_steam',
      // Steam keeps the avatar's extra.signature as the link signature (§4.5).
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
    expect(simulator.state.steam.requests.at(-1)).toBe(`/steam/profiles/${steamId64}/?xml=1`)
    const noCustomUrl = proofProfile('')
    expect((await validator.validate(noCustomUrl.request, HTTP)).altId).toBe('')
  })

  it('tries up to 10 "NextID proof:" entries', async () => {
    const { request, post, steamId64 } = proofProfile('bob')
    const forged = makeProof({ platform: 'steam', identity: steamId64, signer: OTHER_KEY }).post
    simulator.state.steam.setSummary(steamId64, `${Array(9).fill(forged).join('\n')}\n${post}`)
    expect((await validator.validate(request, HTTP)).identity).toBe(steamId64)
    simulator.state.steam.setSummary(steamId64, `${Array(10).fill(forged).join('\n')}\n${post}`)
    expect((await rejection(validator.validate(request, HTTP))).message).toBe(BAD_SIGNATURE)
  })

  it("rejects another avatar's signature and a summary signed for a stale payload", async () => {
    const forged = proofProfile('carol', { signer: OTHER_KEY })
    const error = await rejection(validator.validate(forged.request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(BAD_SIGNATURE)
    const stale = proofProfile('dave', { signedFor: { prev: TEST_PREV } })
    expect((await rejection(validator.validate(stale.request, HTTP))).message).toBe(BAD_SIGNATURE)
  })

  it('rejects a summary without a proof, and a profile that is gone', async () => {
    const { request, steamId64 } = proofProfile('erin')
    simulator.state.steam.setSummary(steamId64, 'nothing to see')
    expect((await rejection(validator.validate(request, HTTP))).message).toBe(
      'steam profile summary has no "NextID proof: <signature>:" entry',
    )
    const missing = makeProof({ platform: 'steam', identity: (FIRST_ID + 7n).toString() })
    const error = await rejection(validator.validate(missing.request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`steam profile not found: ${FIRST_ID + 7n} (The specified profile could not be found.)`)
  })

  it('has no verdict when rate limited, down, unreachable or answering something else', async () => {
    const { request } = proofProfile('frank')
    simulator.state.steam.rateLimited = true
    const limited = await rejection(validator.validate(request, HTTP))
    expect(limited).toBeInstanceOf(PlatformUnavailableError)
    expect(limited.message).toBe('steam answered HTTP 429')
    simulator.state.steam.rateLimited = false
    simulator.state.steam.down = true
    expect((await rejection(validator.validate(request, HTTP))).message).toBe('steam answered HTTP 503')
    const closed = createSteamValidator({ url: await closedPortUrl() })
    expect((await rejection(closed.validate(request, HTTP))).message).toBe('steam is unreachable (ECONNREFUSED)')
    const html = { fetch: async () => new Response('<!DOCTYPE html><html></html>'), timeoutMs: 1_000 }
    expect((await rejection(validator.validate(request, html))).message).toBe(
      'steam answered something that is not a profile',
    )
    const other = {
      fetch: async () => new Response('<profile><steamID64>76561198092541763</steamID64></profile>'),
      timeoutMs: 1_000,
    }
    expect((await rejection(validator.validate(request, other))).message).toBe('steam answered another profile')
  })

  it('deletes with the avatar signature alone, without fetching', async () => {
    const { request } = makeProof({ platform: 'steam', identity: '76561198092541763', action: 'delete' })
    expect(await validator.validate(request, NO_FETCH)).toEqual({
      identity: '76561198092541763',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
  })
})

describe('the simulated Steam community (platforms.md §3.8)', () => {
  it('serves profile XML by id and by custom URL, and <response><error> for a missing one', async () => {
    const steamId64 = profile('zed', 'line one\nline two')
    const byId = await fetch(`${simulator.url}/steam/profiles/${steamId64}/?xml=1`)
    expect(byId.headers.get('content-type')).toBe('text/xml; charset=utf-8')
    const xml = await byId.text()
    expect(xml).toContain(`<steamID64>${steamId64}</steamID64>`)
    expect(xml).toContain('<customURL><![CDATA[zed]]></customURL>')
    expect(xml).toContain('<summary><![CDATA[line one<br>\nline two]]></summary>')
    expect(await (await fetch(`${simulator.url}/steam/id/ZED/?xml=1`)).text()).toBe(xml)
    expect(await (await fetch(`${simulator.url}/steam/id/nobody/?xml=1`)).text()).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><error><![CDATA[The specified profile could not be found.]]></error></response>',
    )
  })
})
