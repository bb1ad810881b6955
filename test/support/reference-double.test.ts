/**
 * The reference-behaviour double in front of a REAL local ProofService (PGlite, platform simulator
 * over HTTP): answers reworded where the reference words them differently, everything else passed
 * through; then the same as an HTTP proxy; then every refusal our validators word, one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FetchFunction } from '../../src/client/index.js'
import { avatarId, encodeBase64, getPublicKey, parsePrivateKey, signPersonalMessage } from '../../src/crypto/index.js'
import { fillSignature } from '../../src/protocol/index.js'
import { type ReferenceDouble, startReferenceDouble, withReferenceBehaviour } from './reference-double.js'
import { type LocalServices, startLocalServices } from './start-local-services.js'

const ALICE = { id: '1467726470533754880', username: 'Alice_NextID' }
const MALLORY = { id: '1467726470533754881', username: 'Mallory' }
const UNPUBLISHED_TWEET = '1790000000000000099'
const STALE = "bad signature: the avatar's proof chain changed; request a new payload"

const direct: FetchFunction = (input, init) => fetch(input, init)
const reference = withReferenceBehaviour(direct)

let services: LocalServices
let base = ''
beforeAll(async () => {
  services = await startLocalServices()
  base = services.server.proofServiceUrl ?? ''
  services.simulator.state.twitter.addUser(ALICE)
  services.simulator.state.twitter.addUser(MALLORY)
}, 60_000) // PGlite's first open of a new data folder takes seconds on a busy 2-core machine
afterAll(async () => {
  await services?.stop()
})

type Answer = { status: number; json: unknown }

async function call(via: FetchFunction, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> {
  const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body) }
  const response = await via(url.startsWith('http') ? url : `${base}${url}`, init)
  return { status: response.status, json: await response.json() }
}

/** An avatar of its own per test, so no test moves another's chain. */
function avatar(byte: string) {
  const key = parsePrivateKey(byte.repeat(32))
  return { key, publicKey: avatarId(getPublicKey(key)) }
}

type Payload = { post_content: { default: string }; sign_payload: string; uuid: string; created_at: string }

/** Asks for a twitter payload through the double and signs it: the tweet text and the submission for a tweet id. */
async function prepare(owner: ReturnType<typeof avatar>, identity = 'alice_nextid') {
  const request = { action: 'create', platform: 'twitter', identity, public_key: owner.publicKey }
  const answer = await call(reference, 'POST', '/v1/proof/payload', request)
  expect(answer.status).toBe(200)
  const payload = answer.json as Payload
  const signature = encodeBase64(signPersonalMessage(payload.sign_payload, owner.key))
  const submission = (tweetId: string) => ({
    ...request,
    proof_location: tweetId,
    uuid: payload.uuid,
    created_at: payload.created_at,
    extra: { signature },
  })
  return { tweet: fillSignature(payload.post_content.default, signature), submission }
}

const publish = (text: string, author: { id: string }) =>
  services.simulator.state.twitter.publishTweet({ text, authorId: author.id }).id

describe('the double in front of our ProofService', () => {
  it('passes /healthz, /v1/proof/payload, a successful submit and the queries through', async () => {
    const owner = avatar('11')
    const { tweet, submission } = await prepare(owner)
    expect(await call(reference, 'POST', '/v1/proof', submission(publish(tweet, ALICE)))).toEqual({
      status: 201,
      json: {},
    })
    for (const path of [
      '/healthz',
      '/v1/proof?platform=twitter&identity=alice_nextid&exact=true',
      `/v1/proof/exists?platform=twitter&identity=alice_nextid&public_key=${owner.publicKey}`,
      `/v1/proofchain?avatar=${owner.publicKey}`,
    ]) {
      const [through, ours] = await Promise.all([call(reference, 'GET', path), call(direct, 'GET', path)])
      expect(through.status, path).toBe(200)
      expect(through, path).toEqual(ours)
    }
  })

  it('answers a submission signed before the chain moved with a plain 400 bad signature', async () => {
    const owner = avatar('22')
    const first = await prepare(owner)
    const second = await prepare(owner)
    expect((await call(reference, 'POST', '/v1/proof', first.submission(publish(first.tweet, ALICE)))).status).toBe(201)
    const late = second.submission(publish(second.tweet, ALICE))
    expect(await call(direct, 'POST', '/v1/proof', late)).toEqual({ status: 400, json: { message: STALE } })
    expect(await call(reference, 'POST', '/v1/proof', late)).toEqual({
      status: 400,
      json: { message: 'bad signature' },
    })
  })

  it('answers a tweet by another account with the reference wording', async () => {
    const { tweet, submission } = await prepare(avatar('33'))
    const answer = await call(reference, 'POST', '/v1/proof', submission(publish(tweet, MALLORY)))
    expect(answer).toEqual({ status: 400, json: { message: 'Tweet is not sent by this account.' } })
  })

  it('answers a tweet not published yet with the reference wording', async () => {
    const { submission } = await prepare(avatar('44'))
    const answer = await call(reference, 'POST', '/v1/proof', submission(UNPUBLISHED_TWEET))
    const message = `fetching tweet with syndication API: tweet not found: ${UNPUBLISHED_TWEET}`
    expect(answer).toEqual({ status: 400, json: { message } })
  })
})

describe('the double as an HTTP proxy', () => {
  let proxy: ReferenceDouble
  beforeAll(async () => {
    proxy = await startReferenceDouble({ upstreamUrl: base })
  })
  afterAll(async () => {
    await proxy?.close()
  })

  it('passes a CORS preflight and the CORS headers of every answer through', async () => {
    const preflight = await fetch(`${proxy.url}/v1/proof`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
    const healthz = await fetch(`${proxy.url}/healthz`)
    expect(healthz.status).toBe(200)
    expect(healthz.headers.get('access-control-allow-origin')).toBe('*')
    expect(await healthz.json()).toEqual((await call(direct, 'GET', '/healthz')).json)
  })

  it('answers over HTTP as the reference does: a missing tweet, an unknown path', async () => {
    const { submission } = await prepare(avatar('55'))
    const refused = await fetch(`${proxy.url}/v1/proof`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submission(UNPUBLISHED_TWEET)),
    })
    expect(refused.status).toBe(400)
    expect(refused.headers.get('access-control-allow-origin')).toBe('*')
    const message = `fetching tweet with syndication API: tweet not found: ${UNPUBLISHED_TWEET}`
    expect(await refused.json()).toEqual({ message })
    const unknown = await fetch(`${proxy.url}/v1/proof/chain`)
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toContain('text/plain')
    expect(await unknown.text()).toBe('404 page not found')
  })
})

type Refusal = [platform: string, reference: string, ours: string[]]

const FILE = '0x03198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5.json'
const KEYBASE_FILE = `NextID/${FILE}`
const LINK = 'https://discord.com/channels/<server>/<channel>/<message>'
const FAILURES = [
  'answered HTTP 200 with a body that is not JSON',
  'is unreachable (ECONNREFUSED)',
  'did not answer within 10000 ms',
]

/** platform-fetch.ts's answers for a platform that gives no verdict, under the validator's label. */
function unavailable(label: string): string[] {
  return FAILURES.map((failure) => `${label} ${failure}`)
}

/** proof-signature.ts's refusals of the signature found at `where`, and of a delete without extra.signature. */
function signatureRefusals(platform: string, where: string, notBase64 = 'Error: Signature length invalid'): Refusal[] {
  return [
    [platform, notBase64, [`bad signature: ${where} is not standard base64`]],
    [
      platform,
      'Error: Signature length invalid: 64 instead of 65',
      [`bad signature: ${where} has 64 bytes instead of 65`],
    ],
    [platform, 'bad signature', [`bad signature: ${where} is not this avatar's signature over the payload`]],
    [platform, 'Error: Signature length invalid: 0 instead of 65', ['extra.signature not found']],
  ]
}

/** Every message server/validators/*.ts (and the submit route around them) can answer → the reference's. */
// biome-ignore format: one refusal per row, as the table in reference-double.ts
const REFUSALS: Refusal[] = [
  ['twitter', 'bad signature', [STALE, 'bad signature']],
  ['twitter', 'error when decoding persona signature', ['bad signature: extra.signature is not standard base64']],
  ['twitter', 'Error: Signature length invalid: 64 instead of 65', ['Signature length invalid: 64 instead of 65']],
  ['twitter', 'Error: Signature Recovery ID not supported', ['Signature Recovery ID not supported']],
  ['tiktok', 'platform not supported: tiktok', ['platform not supported: tiktok']],
  ['twitter', 'parsing tweet ID abc: strconv.ParseInt: parsing "abc": invalid syntax', ['"proof_location" expected a tweet id (decimal digits)']],
  ['twitter', 'Tweet is not sent by this account.', ['tweet is not sent by this account: expected @alice, got @Mallory']],
  ['twitter', 'Signature not found in tweet text.', ['tweet has no "Sig: <signature>" line']],
  ['twitter', 'fetching tweet with syndication API: tweet not found: 17', ['tweet not found: 17', 'tweet cannot be read: 17 (protected or suspended account)']],
  ['twitter', 'fetching tweet with syndication API: error when retriving tweet', [
    'twitter is not configured on this server', 'twitter answered HTTP 503', 'twitter answered a tweet without text or author_id',
    'twitter answered a tweet without its author in includes.users', 'twitter answered no tweet and the error "Oops"',
    'twitter answered no tweet and no known error', ...unavailable('twitter'),
  ]],
  ...signatureRefusals('twitter', 'the "Sig:" line of the tweet'),
  ['github', 'error when fetching gist', [
    '"proof_location" expected a gist id (hex digits)', 'gist not found: abc', 'github rate limit exceeded; try again later',
    'github answered HTTP 500', 'github answered a gist without files', 'github answered a gist owner without login or id',
    ...unavailable('github'),
  ]],
  ['github', 'gist owner mismatch: should be alice, but got Bob', ['gist owner mismatch: should be alice, but got Bob']],
  ['github', 'gist owner mismatch: should be alice.example, but got ', ['gist has no owner: abc']],
  ['github', `${FILE} not found or empty`, [`gist has no file ${FILE}`]],
  ['github', 'error when parsing JSON', [`gist file ${FILE} is truncated`, `gist file ${FILE} is not a Next.ID proof: "text" is not a JSON proof document`]],
  ['github', 'bad signature', [`gist file ${FILE} is for another avatar: 0x02aa`]],
  ...signatureRefusals('github', `the signature in gist file ${FILE}`),
  ['dns', 'No TXT result found for domain alice.example .', [
    '"identity" expected a domain name', 'domain not found: alice.example', 'DNS over HTTPS lookup of alice.example failed: rcode 2',
  ]],
  ['dns', 'matched TXT record not found.', ['no Next.ID TXT record for uuid 6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f at alice.example']],
  ['dns', 'status code 502', ['DNS over HTTPS answered HTTP 502']],
  ['dns', 'Get "https://cloudflare-dns.com/dns-query?type=TXT&name=alice.example"', ['DNS over HTTPS answered without a Status', ...unavailable('DNS over HTTPS')]],
  ...signatureRefusals('dns', 'the sig of the TXT record', 'sig in TXT record cannot be recognized.'),
  ['keybase', 'Error when requesting proof', ['"identity" expected a Keybase username (letters, digits and _, at most 16)', ...unavailable('keybase')]],
  ['keybase', 'Error when requesting proof: Status code 404', [`keybase file not found: ${KEYBASE_FILE} of alice`]],
  ['keybase', 'Error when requesting proof: Status code 500', ['keybase answered HTTP 500']],
  ['keybase', 'Persona mismatch', [`keybase file ${KEYBASE_FILE} is for another avatar: 0x02aa`]],
  ['keybase', 'error when decoding JSON', [`keybase file ${KEYBASE_FILE} is not a Next.ID proof: "version" expected "1"`]],
  ...signatureRefusals('keybase', `the signature in keybase file ${KEYBASE_FILE}`),
  ['discord', 'Error getting right proof location: %!w(<nil>)', [`"proof_location" expected a Discord message link ${LINK}`]],
  ['discord', 'User name mismatch: expect alice#0 - actual bob#1234', ['discord message is not sent by this account: expected alice#0, got bob#1234']],
  ['discord', 'Signature not found in the message link.', [
    'discord message has no "Sig: <signature>" line', 'discord returned the message without its text: the bot needs the MESSAGE_CONTENT intent',
  ]],
  ['discord', 'Error getting the message from discord', [
    'discord is not configured on this server', 'discord message not found: 1/2',
    'discord bot cannot read channel 1: it needs View Channel and Read Message History there',
    'discord is rate limiting this server (HTTP 429); retry after 2 s', 'discord answered a message without content or author',
    'discord answered HTTP 500', ...unavailable('discord'),
  ]],
  ...signatureRefusals('discord', 'the "Sig:" line of the discord message'),
  ['dotbit', 'no key found', [
    '"identity" expected a .bit account like alice.bit', '.bit account not found: alice.bit', '.bit account name is invalid: a-.bit',
    `.bit account alice.bit has no nextid record for avatar ${FILE.slice(0, -5)}`, 'the nextid record of alice.bit holds no signature',
  ]],
  ['dotbit', 'err_no 20008: system busy', ['dotbit answered err_no 20008: system busy']],
  ['dotbit', 'err_no undefined: ', ['dotbit answered err_no undefined:']],
  ['dotbit', 'Error when requesting proof: Status code 502', ['dotbit answered HTTP 502']],
  ['dotbit', 'Error when requesting proof', ['dotbit answered records that are not a list', ...unavailable('dotbit')]],
  ...signatureRefusals('dotbit', 'the nextid record of alice.bit'),
  ['minds', 'Post not found', ['"proof_location" expected a Minds post id (the number in minds.com/newsfeed/<id>)', 'minds post not found: 1']],
  ['minds', 'Username mismatch: expect @alice, got @Bob', ['minds post is not sent by this account: expected @alice, got @Bob']],
  ['minds', 'Signature not found in post text.', ['minds post has no "Sig: <signature>" line']],
  ['minds', 'error when requesting proof: Status code 500', ['minds answered HTTP 500']],
  ['minds', 'error when decoding JSON', ['minds answered without an entities list', 'minds answered a post without message or owner', ...unavailable('minds').slice(0, 1)]],
  ['minds', 'error when getting Minds post', unavailable('minds').slice(1)],
  ...signatureRefusals('minds', 'the "Sig:" line of the minds post'),
  ['steam', 'error when generating sign payload', [
    '"identity" expected a SteamID64 or a Steam custom URL name (letters, digits, _ and -)',
    'steam profile not found: alice (The specified profile could not be found.)', 'steam answered something that is not a profile',
    'steam answered another profile', 'steam answered HTTP 503', ...unavailable('steam'),
  ]],
  ['steam', 'proof not found in user summary', [
    'steam profile summary has no "NextID proof: <signature>:" entry', 'the "NextID proof:" entry of the steam profile summary holds no signature',
  ]],
  ...signatureRefusals('steam', 'the "NextID proof:" entry of the steam profile summary'),
  ['activitypub', 'error when detecting server software: invalid ActivityPub ID: Only one @ symbol should appear', ['"identity" expected user@server with a host name']],
  ['activitypub', 'failed to identify mastodon / pleroma status: identity mismatch', [
    'post is not sent by this account: expected alice@social.example',
  ]],
  ['activitypub', 'error when detecting server software: no supported node info link found', [
    'social.example lists no nodeinfo 2.0 or 2.1 document', 'social.example points its nodeinfo to another site',
  ]],
  ['activitypub', 'error when detecting server software: unsupported server', ['social.example runs ActivityPub software that is not supported']],
  ['activitypub', 'error when detecting server software: node info returns 404', ['social.example has no nodeinfo: it is not an ActivityPub server']],
  ['activitypub', 'error when detecting server software: node info returns 500', ['activitypub server social.example answered HTTP 500']],
  ['activitypub', 'error when detecting server software', unavailable('activitypub')],
  ['activitypub', 'no signature found', [
    '"proof_location" expected the id of the status or note', 'post has no "Signature: <signature>" line',
    'social.example status not found: 1', 'social.example does not show status 1 without signing in',
    'social.example answered a status without content or account', 'social.example note not found: 9a',
    'social.example does not show note 9a (HTTP 400)', 'social.example answered a note without text or user',
  ]],
  ...signatureRefusals('activitypub', 'the "Signature:" line of the post', 'error when parsing signature'),
  ['ethereum', 'Error when extracting pubkey: %!w(string=Error: Signature length invalid: 0 instead of 65)', ['wallet_signature not found']],
  ['ethereum', 'Error: Signature length invalid: 0 instead of 65', ['extra.signature not found', 'extra.signature or extra.wallet_signature not found']],
  ['ethereum', 'error when decoding sig', ['ETH wallet signature validation failed: wallet_signature is not standard base64']],
  ['ethereum', 'Error when extracting pubkey: %!w(string=Error: Signature length invalid: 64 instead of 65)', ['ETH wallet signature validation failed: Signature length invalid: 64 instead of 65']],
  ['ethereum', 'Error when extracting pubkey', [
    'ETH wallet signature validation failed: Signature Recovery ID not supported', 'ETH wallet signature validation failed: signature does not recover',
  ]],
  ['ethereum', 'ETH wallet signature validation failed', ['ETH wallet signature validation failed: signed by 0xabc, not 0xdef']],
  ['solana', 'invalid wallet signature error when decoding signature', ['wallet_signature not found', 'Solana wallet signature validation failed: wallet_signature is not base58 of 64 bytes']],
  ['solana', 'invalid wallet signature error when decoding pubkey', ['Solana wallet signature validation failed: the identity is not a Solana address']],
  ['solana', 'invalid wallet signature solana wallet signature validation failed', ['Solana wallet signature validation failed: not signed by So1']],
  ['solana', 'invalid persona signature Error: Signature length invalid: 0 instead of 65', ['extra.signature not found', 'extra.signature or extra.wallet_signature not found']],
]

describe('every refusal our validators word', () => {
  const cases = REFUSALS.flatMap(([platform, reference, ours]) => ours.map((message) => [platform, message, reference]))

  it.each(cases)('%s: %s', async (platform, ours, expected) => {
    const ourServer: FetchFunction = async () => Response.json({ message: ours }, { status: 400 })
    const request = { platform, identity: 'Alice.Example', proof_location: 'abc' }
    const answer = await call(withReferenceBehaviour(ourServer), 'POST', 'http://ours.invalid/v1/proof', request)
    expect(answer).toEqual({ status: 400, json: { message: expected } })
  })
})
