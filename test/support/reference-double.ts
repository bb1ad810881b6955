/**
 * Runs in: tests (Node). A reference-behaviour double: forwards every request to OUR ProofService
 * unchanged and rewrites its error answers into what Next.ID's real ProofService
 * (NextDotID/proof_server, NEXTID-PROTOCOL.md §1.3) answers in the same situation, so client flow
 * tests can run against both and prove the client keys on statuses and shapes, never on our words.
 *
 * Sources named in the table: `x.go` is NextDotID/proof_server:validator/<platform>/x.go,
 * `crypto.go` util/crypto/crypto.go, `proof_upload.go` controller/proof_upload.go, `§n`
 * NEXTID-PROTOCOL.md. Where the reference appends a Go library's error (base64 byte offsets,
 * go-github, discordgo, net/http), the message stops at the reference's own words: that tail is not
 * knowable here. "closest" marks a refusal the reference has no twin for (mostly where we check
 * more than it does, §15 #9–#11, #21); it is chosen by the outcome the reference would reach.
 *
 * Our deliberate differences (§15) a client could notice, and what the double does with each:
 * - a moved chain (#4): our `bad signature: the avatar's proof chain changed…` → 400 `bad signature`;
 * - extra.signature required everywhere (#5): our refusal → the reference's empty-signature error;
 * - unknown paths: our 404 `{"message":"not found"}` → gin's text/plain `404 page not found`;
 * - kept as ours: 201 `{}` on submit (the reference's own answer), CORS on every answer and a 204
 *   preflight (#19; gin's cors.Default() allows every origin too), sorted /healthz platforms (#27),
 *   deletes proven by the avatar's signature alone (#11) and GitHub's stricter checks (#9, #10):
 *   there the reference would succeed or answer from state the double cannot see.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FetchFunction } from '../../src/client/index.js'

/** What some reference messages print from the request: its platform, identity and proof location. */
type Facts = { platform: string; identity: string; location: string }

type Rewrite = {
  /** The submissions' platforms it applies to; every request when absent. */
  platforms?: readonly string[]
  ourStatus: number
  ours: RegExp
  status: number
  /** `$1`… are groups of `ours`; `{identity}` (lowercased, as the reference prints it) and `{location}` facts. */
  message: string
  /** Answer plain text instead of `{"message": …}`. */
  text?: boolean
}

const on = (platforms: string | readonly string[] | null, ours: RegExp, status: number, message: string): Rewrite => ({
  ...(platforms === null ? {} : { platforms: typeof platforms === 'string' ? [platforms] : platforms }),
  ourStatus: 400,
  ours,
  status,
  message,
})

// util.DecodeString falls back to base1024, which decodes anything: a bad post signature then fails on its length.
const BASE1024 = ['twitter', 'github', 'keybase', 'discord', 'dotbit', 'minds', 'steam']
const UNAVAILABLE = '(?:answered|is unreachable|did not answer|is not configured)'

/** Our message → the reference's status and message; the first row that matches wins. */
// biome-ignore format: one row per line keeps the table readable
const REWRITES: readonly Rewrite[] = [
  on(null, /^bad signature: the avatar's proof chain changed/, 400, 'bad signature'), // §4.5 race, crypto.go
  on(null, /^bad signature: extra\.signature is not standard base64$/, 400, 'error when decoding persona signature'), // proof_upload.go
  on(null, /^Signature length invalid: (\d+) instead of 65$/, 400, 'Error: Signature length invalid: $1 instead of 65'), // crypto.go
  on(null, /^Signature Recovery ID not supported$/, 400, 'Error: Signature Recovery ID not supported'), // crypto.go
  on('twitter', /^"proof_location" /, 400, 'parsing tweet ID {location}: strconv.ParseInt: parsing "{location}": invalid syntax'), // twitter.go
  on('twitter', /^tweet is not sent by this account: /, 400, 'Tweet is not sent by this account.'), // twitter.go (§4.5 lowercases it)
  on('twitter', /^tweet has no "Sig: /, 400, 'Signature not found in tweet text.'), // twitter.go
  on('twitter', /^tweet (?:not found|cannot be read): (\d+)/, 400, 'fetching tweet with syndication API: tweet not found: $1'), // twitter.go + api.go
  on('twitter', new RegExp(`^twitter ${UNAVAILABLE}`), 400, 'fetching tweet with syndication API: error when retriving tweet'), // api.go (sic)
  on('github', /^(?:"proof_location" |gist not found: |github )/, 400, 'error when fetching gist'), // github.go
  on('github', /^gist has no owner: /, 400, 'gist owner mismatch: should be {identity}, but got '), // github.go: no owner, empty login
  on('github', /^gist has no file (\S+)$/, 400, '$1 not found or empty'), // github.go
  on('github', /^gist file \S+ is (?:truncated|not a Next\.ID proof)/, 400, 'error when parsing JSON'), // github.go
  on('github', /^gist file \S+ is for another avatar: /, 400, 'bad signature'), // closest: github.go checks no persona (§11 #1)
  on('dns', /^(?:"identity" |domain not found: )/, 400, 'No TXT result found for domain {identity} .'), // dns.go
  on('dns', /^DNS over HTTPS lookup of \S+ failed: /, 400, 'No TXT result found for domain {identity} .'), // dns.go: no Answer
  on('dns', /^no Next\.ID TXT record for uuid /, 400, 'matched TXT record not found.'), // dns.go
  on('dns', /^bad signature: .+ is not standard base64$/, 400, 'sig in TXT record cannot be recognized.'), // dns.go
  on('dns', /^DNS over HTTPS answered HTTP (\d+)$/, 400, 'status code $1'), // dns.go
  on('dns', new RegExp(`^DNS over HTTPS ${UNAVAILABLE}`), 400, 'Get "https://cloudflare-dns.com/dns-query?type=TXT&name={identity}"'), // dns.go, net/http's error
  on('keybase', /^keybase file not found: /, 400, 'Error when requesting proof: Status code 404'), // keybase.go
  on('keybase', /^keybase file \S+ is for another avatar: /, 400, 'Persona mismatch'), // keybase.go
  on('keybase', /^keybase file \S+ is not a Next\.ID proof: /, 400, 'error when decoding JSON'), // keybase.go
  on(['keybase', 'dotbit'], /^(?:keybase|dotbit) answered HTTP (\d+)$/, 400, 'Error when requesting proof: Status code $1'), // keybase.go, das.go
  on('keybase', new RegExp(`^(?:"identity" |keybase ${UNAVAILABLE})`), 400, 'Error when requesting proof'), // keybase.go
  on('discord', /^"proof_location" /, 400, 'Error getting right proof location: %!w(<nil>)'), // discord.go wraps a nil error
  on('discord', /^discord message is not sent by this account: expected (.*), got (.*)$/, 400, 'User name mismatch: expect $1 - actual $2'), // discord.go
  on('discord', /^discord (?:message has no "Sig|returned the message without)/, 400, 'Signature not found in the message link.'), // discord.go
  on('discord', /^discord (?:message not found|bot cannot read|is rate limiting|answered|is unreachable|did not answer|is not configured)/, 400, 'Error getting the message from discord'), // discord.go
  on('dotbit', /^(?:"identity" |\.bit account |the nextid record .+ holds no signature$)/, 400, 'no key found'), // das.go (closest for a bad account)
  on('dotbit', /^dotbit answered err_no (\S+?):\s?(.*)$/, 400, 'err_no $1: $2'), // das.go
  on('dotbit', new RegExp(`^dotbit ${UNAVAILABLE}`), 400, 'Error when requesting proof'), // das.go
  on('minds', /^(?:"proof_location" |minds post not found: )/, 400, 'Post not found'), // minds.go: an unknown id lists no entity
  on('minds', /^minds post is not sent by this account: expected (\S+), got (\S+)$/, 400, 'Username mismatch: expect $1, got $2'), // minds.go
  on('minds', /^minds post has no "Sig: /, 400, 'Signature not found in post text.'), // minds.go
  on('minds', /^minds answered HTTP (\d+)$/, 400, 'error when requesting proof: Status code $1'), // minds.go
  on('minds', /^minds answered /, 400, 'error when decoding JSON'), // minds.go
  on('minds', /^minds (?:is unreachable|did not answer)/, 400, 'error when getting Minds post'), // minds.go
  on('steam', new RegExp(`^(?:"identity" |steam profile not found|steam ${UNAVAILABLE})`), 400, 'error when generating sign payload'), // steam.go swallows fetch errors
  on('steam', /^(?:steam profile summary has no |the "NextID proof:" entry .+ holds no signature$)/, 400, 'proof not found in user summary'), // steam.go
  on('activitypub', /^"identity" /, 400, 'error when detecting server software: invalid ActivityPub ID: Only one @ symbol should appear'), // activitypub.go
  on('activitypub', /^post is not sent by this account: expected (\S+)$/, 400, 'failed to identify mastodon / pleroma status: identity mismatch'), // mastodon.go (which also names the author; we never echo it)
  on('activitypub', /^\S+ (?:lists no nodeinfo|points its nodeinfo)/, 400, 'error when detecting server software: no supported node info link found'), // activitypub.go
  on('activitypub', /^\S+ runs ActivityPub software that is not supported$/, 400, 'error when detecting server software: unsupported server'), // activitypub.go (which also names the software; we never echo it)
  on('activitypub', /^\S+ has no nodeinfo: /, 400, 'error when detecting server software: node info returns 404'), // activitypub.go
  on('activitypub', /^activitypub server \S+ answered HTTP (\d+)$/, 400, 'error when detecting server software: node info returns $1'), // activitypub.go
  on('activitypub', new RegExp(`^activitypub ${UNAVAILABLE}`), 400, 'error when detecting server software'), // activitypub.go
  on('activitypub', /^bad signature: .+ is not standard base64$/, 400, 'error when parsing signature'), // activitypub.go
  // Mastodon posts are never fetched (§11 #2), so a post that cannot be read has no signature line.
  on('activitypub', /^(?:"proof_location" |post has no "Signature: |\S+ (?:status|note) not found|\S+ does not show |\S+ answered a )/, 400, 'no signature found'), // activitypub.go
  // Extra always holds wallet_signature for ethereum (proof_upload.go), so a missing one is decoded as empty.
  on('ethereum', /^wallet_signature not found$/, 400, 'Error when extracting pubkey: %!w(string=Error: Signature length invalid: 0 instead of 65)'), // ethereum.go
  on('ethereum', /^ETH wallet signature validation failed: wallet_signature is not standard base64$/, 400, 'error when decoding sig'), // ethereum.go
  on('ethereum', /^ETH wallet signature validation failed: Signature length invalid: (\d+) instead of 65$/, 400, 'Error when extracting pubkey: %!w(string=Error: Signature length invalid: $1 instead of 65)'), // ethereum.go
  on('ethereum', /^ETH wallet signature validation failed: (?:Signature Recovery|signature does not)/, 400, 'Error when extracting pubkey'), // ethereum.go
  on('ethereum', /^ETH wallet signature validation failed: signed by /, 400, 'ETH wallet signature validation failed'), // ethereum.go, §4.5
  on('solana', /^(?:wallet_signature not found|Solana wallet signature validation failed: wallet_signature is not)/, 400, 'invalid wallet signature error when decoding signature'), // solana.go
  on('solana', /^Solana wallet signature validation failed: the identity is not /, 400, 'invalid wallet signature error when decoding pubkey'), // solana.go
  on('solana', /^Solana wallet signature validation failed: not signed by /, 400, 'invalid wallet signature solana wallet signature validation failed'), // solana.go
  on('solana', /^extra\.signature (?:or extra\.wallet_signature )?not found$/, 400, 'invalid persona signature Error: Signature length invalid: 0 instead of 65'), // solana.go
  on(null, /^extra\.signature (?:or extra\.wallet_signature )?not found$/, 400, 'Error: Signature length invalid: 0 instead of 65'), // crypto.go on an empty signature
  on(BASE1024, /^bad signature: .+ is not standard base64$/, 400, 'Error: Signature length invalid'), // crypto.go after base1024
  on(null, /^bad signature: .+ has (\d+) bytes instead of 65$/, 400, 'Error: Signature length invalid: $1 instead of 65'), // crypto.go
  on(null, /^bad signature/, 400, 'bad signature'), // crypto.go, §4.5
  { ourStatus: 404, ours: /^not found$/, status: 404, message: '404 page not found', text: true }, // gin's NoRoute (controller/main.go sets none)
]

/** Wraps `upstream` (our server): requests go through unchanged, error answers come back as the reference's. */
export function withReferenceBehaviour(upstream: FetchFunction): FetchFunction {
  return async (input, init) => {
    const answer = await upstream(input, init)
    return answer.status < 400 ? answer : rewrite(answer, readFacts(init?.body))
  }
}

async function rewrite(answer: Response, facts: Facts): Promise<Response> {
  const body = await answer.text()
  const headers = new Headers(answer.headers)
  // The body is rebuilt (and already decoded by fetch): its old length and encoding no longer hold.
  for (const name of ['content-length', 'content-encoding']) headers.delete(name)
  const message = readMessage(body)
  const rule = message === undefined ? undefined : REWRITES.find((row) => matches(row, answer.status, message, facts))
  if (rule === undefined || message === undefined) {
    return new Response(body, { status: answer.status, statusText: answer.statusText, headers })
  }
  const text = fill(rule, message, facts)
  headers.set('content-type', rule.text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8')
  return new Response(rule.text ? text : JSON.stringify({ message: text }), { status: rule.status, headers })
}

function matches(rule: Rewrite, status: number, message: string, facts: Facts): boolean {
  const platformFits = rule.platforms === undefined || rule.platforms.includes(facts.platform)
  return platformFits && rule.ourStatus === status && rule.ours.test(message)
}

function fill(rule: Rewrite, message: string, facts: Facts): string {
  const groups = rule.ours.exec(message) ?? []
  return rule.message.replace(/\$(\d)|\{(identity|location)\}/g, (_all, group: string | undefined, fact: string) =>
    group === undefined ? facts[fact as 'identity' | 'location'] : (groups[Number(group)] ?? ''),
  )
}

function readMessage(body: string): string | undefined {
  const parsed = parseJson(body)
  const message = typeof parsed === 'object' && parsed !== null ? (parsed as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : undefined
}

function readFacts(body: RequestInit['body']): Facts {
  const parsed = typeof body === 'string' ? parseJson(body) : undefined
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  const read = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '')
  return { platform: read('platform'), identity: read('identity').toLowerCase(), location: read('proof_location') }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** A running double: its base URL (no trailing slash). */
export type ReferenceDouble = { url: string; close(): Promise<void> }

// Per connection, or rebuilt by whoever sends next: never forwarded as they came.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade'])
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'content-length', 'accept-encoding'])
const NOT_RETURNED = new Set([...HOP_BY_HOP, 'content-length', 'content-encoding'])

/** The same double as an HTTP proxy on 127.0.0.1, for callers that fetch over HTTP (the extension). */
export async function startReferenceDouble(options: { upstreamUrl: string; port?: number }): Promise<ReferenceDouble> {
  const upstream = options.upstreamUrl.replace(/\/+$/, '')
  const forward = withReferenceBehaviour((input, init) => fetch(input, init))
  const server = createServer((request, response) => void relay(forward, upstream, request, response))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

async function relay(forward: FetchFunction, upstream: string, request: IncomingMessage, response: ServerResponse) {
  try {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !NOT_FORWARDED.has(name)) headers.set(name, [value].flat().join(', '))
    }
    // Preflights (Origin, Access-Control-Request-*) go through too: our server answers them itself.
    const init: RequestInit = { method: request.method ?? 'GET', headers, redirect: 'manual' }
    if (chunks.length > 0) init.body = Buffer.concat(chunks).toString('utf8')
    const answer = await forward(`${upstream}${request.url ?? '/'}`, init)
    const body = Buffer.from(await answer.arrayBuffer())
    const out: Record<string, string> = {}
    answer.headers.forEach((value, name) => {
      if (!NOT_RETURNED.has(name)) out[name] = value
    })
    if (answer.status !== 204 && answer.status !== 304) out['content-length'] = String(body.length)
    response.writeHead(answer.status, out).end(body)
  } catch (error) {
    const message = `reference double: upstream failed: ${error instanceof Error ? error.message : String(error)}`
    response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message }))
  }
}
