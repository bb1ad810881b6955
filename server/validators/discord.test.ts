import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
import { discordAuthor, type SimulatedDiscordAuthor } from '../../test/platform-simulator/discord.js'
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
import { createDiscordValidator } from './discord.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator } from './validator.js'

const CHANNEL = '960708146706395179'
const GUILD = '960708146706395176'
const BAD_SIGNATURE = `bad signature: the "Sig:" line of the discord message is not this avatar's signature over the payload`

let simulator: RunningPlatformSimulator
let validator: Validator
let nextUserId = 500_000

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  validator = createDiscordValidator(simulator.config.discord)
})
afterAll(() => simulator.stop())
afterEach(() => {
  const state = simulator.state.discord
  state.rateLimited = false
  state.down = false
  state.messageContentIntent = true
  state.hiddenChannels.clear()
})

function author(username: string, discriminator = '0'): SimulatedDiscordAuthor {
  nextUserId += 1
  return discordAuthor(String(nextUserId), username, discriminator)
}

/** Posts `content` by `by` and returns its message link. */
function post(by: SimulatedDiscordAuthor, content: string, channelId = CHANNEL): string {
  const message = simulator.state.discord.postMessage({ channelId, content, author: by })
  return `https://discord.com/channels/${GUILD}/${channelId}/${message.id}`
}

/** A valid proof message for `identity`, posted by `by`, and the request to validate it. */
function proofMessage(
  identity: string,
  by: SimulatedDiscordAuthor,
  options: Partial<Parameters<typeof makeProof>[0]> = {},
) {
  const proof = makeProof({ platform: 'discord', identity, ...options })
  const link = post(by, proof.post)
  return { ...proof, link, request: { ...proof.request, proofLocation: link } }
}

describe('createDiscordValidator', () => {
  it('accepts a migrated user as alice#0, reading the message with the bot token', async () => {
    const alice = author('alice')
    const { request, postSignature, link } = proofMessage('alice#0', alice)
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: 'alice#0',
      altId: alice.id,
      linkSignature: postSignature,
    })
    const messageId = link.split('/').at(-1)
    expect(simulator.state.discord.requests.at(-1)).toBe(`/discord/api/v10/channels/${CHANNEL}/messages/${messageId}`)
  })

  it('accepts a migrated user as plain alice, and a legacy Name#1234 tag exactly', async () => {
    const plain = proofMessage('alice', author('alice'), { prev: TEST_PREV })
    expect((await validator.validate(plain.request, HTTP)).linkSignature).toBe(plain.postSignature)
    const legacy = proofMessage('Carol#1234', author('Carol', '1234'))
    expect((await validator.validate(legacy.request, HTTP)).identity).toBe('Carol#1234')
  })

  it('rejects another author, another case, and a bare name for a legacy tag', async () => {
    for (const [identity, by, got] of [
      ['alice#0', author('mallory'), 'mallory#0'],
      ['carol#1234', author('Carol', '1234'), 'Carol#1234'],
      ['Carol', author('Carol', '1234'), 'Carol#1234'],
    ] as const) {
      const { request } = proofMessage(identity, by)
      const error = await rejection(validator.validate(request, HTTP))
      expect(error).toBeInstanceOf(ProofRejectedError)
      expect(error.message).toBe(`discord message is not sent by this account: expected ${identity}, got ${got}`)
    }
  })

  it("rejects another avatar's signature and a message signed for a stale payload", async () => {
    const forged = proofMessage('dave#0', author('dave'), { signer: OTHER_KEY })
    expect((await rejection(validator.validate(forged.request, HTTP))).message).toBe(BAD_SIGNATURE)
    const stale = proofMessage('dave#0', author('dave'), { signedFor: { prev: TEST_PREV } })
    const error = await rejection(validator.validate(stale.request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(BAD_SIGNATURE)
  })

  it('rejects a message without a Sig line', async () => {
    const { request } = makeProof({ platform: 'discord', identity: 'erin#0' })
    const link = post(author('erin'), 'Verifying my discord ID: erin#0 on NextID.')
    const error = await rejection(validator.validate({ ...request, proofLocation: link }, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe('discord message has no "Sig: <signature>" line')
  })

  it('rejects a deleted message as not found', async () => {
    const { request, link } = proofMessage('frank#0', author('frank'))
    const messageId = link.split('/').at(-1) ?? ''
    simulator.state.discord.deleteMessage(CHANNEL, messageId)
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`discord message not found: ${CHANNEL}/${messageId}`)
  })

  it('has no verdict when the bot lacks the MESSAGE_CONTENT intent (empty content)', async () => {
    const { request } = proofMessage('grace#0', author('grace'))
    simulator.state.discord.messageContentIntent = false
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe(
      'discord returned the message without its text: the bot needs the MESSAGE_CONTENT intent',
    )
  })

  it('has no verdict when the bot cannot see the channel, is rate limited, refused or Discord is down', async () => {
    const { request } = proofMessage('heidi#0', author('heidi'))
    const cases: [() => void, string][] = [
      [
        () => simulator.state.discord.hiddenChannels.add(CHANNEL),
        `discord bot cannot read channel ${CHANNEL}: it needs View Channel and Read Message History there`,
      ],
      [
        () => (simulator.state.discord.rateLimited = true),
        'discord is rate limiting this server (HTTP 429); retry after 1.337 s',
      ],
      [() => (simulator.state.discord.down = true), 'discord answered HTTP 502'],
    ]
    for (const [breakIt, message] of cases) {
      breakIt()
      const error = await rejection(validator.validate(request, HTTP))
      expect(error).toBeInstanceOf(PlatformUnavailableError)
      expect(error.message).toBe(message)
    }
    const wrongToken = createDiscordValidator({ ...simulator.config.discord, botToken: 'wrong' })
    simulator.state.discord.down = false
    expect((await rejection(wrongToken.validate(request, HTTP))).message).toBe('discord answered HTTP 401')
  })

  it('has no verdict when Discord is unreachable or answers garbage', async () => {
    const { request } = proofMessage('ivan#0', author('ivan'))
    const closed = createDiscordValidator({ apiUrl: await closedPortUrl(), botToken: 't' })
    const error = await rejection(closed.validate(request, HTTP))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('discord is unreachable (ECONNREFUSED)')
    const garbage = { fetch: async () => new Response('{"content":"x"}'), timeoutMs: 1_000 }
    expect((await rejection(validator.validate(request, garbage))).message).toBe(
      'discord answered a message without content or author',
    )
    const hanging = { fetch: (_: unknown, init?: RequestInit) => never(init?.signal), timeoutMs: 50 }
    expect((await rejection(validator.validate(request, hanging as typeof HTTP))).message).toBe(
      'discord did not answer within 50 ms',
    )
  })

  it('accepts every Discord message link form and rejects anything else without fetching', async () => {
    const { request } = makeProof({ platform: 'discord', identity: 'judy#0' })
    const judy = author('judy')
    const { id } = simulator.state.discord.postMessage({ channelId: CHANNEL, content: 'x', author: judy })
    for (const link of [
      `https://discord.com/channels/@me/${CHANNEL}/${id}`,
      `https://ptb.discordapp.com/channels/${GUILD}/${CHANNEL}/${id}/`,
    ]) {
      const error = await rejection(validator.validate({ ...request, proofLocation: link }, HTTP))
      expect(error.message).toBe('discord message has no "Sig: <signature>" line')
    }
    for (const location of [
      '',
      id,
      `https://discord.com/channels/${GUILD}/${CHANNEL}`,
      `http://discord.com/channels/${GUILD}/${CHANNEL}/${id}`,
      `https://discord.evil.example/channels/${GUILD}/${CHANNEL}/${id}`,
      `https://discord.com/channels/${GUILD}/${CHANNEL}/${id}/extra`,
      `https://discord.com/guilds/${GUILD}/${CHANNEL}/${id}`,
      `https://discord.com/channels/${GUILD}/${CHANNEL}/12a`,
      `https://discord.com/channels/${GUILD}/../${id}`,
    ]) {
      const error = await rejection(validator.validate({ ...request, proofLocation: location }, NO_FETCH))
      expect(error.message).toBe(
        '"proof_location" expected a Discord message link https://discord.com/channels/<server>/<channel>/<message>',
      )
    }
  })

  it('deletes with the avatar signature alone, without fetching', async () => {
    const { request } = makeProof({ platform: 'discord', identity: 'kim#0', action: 'delete' })
    expect(await validator.validate(request, NO_FETCH)).toEqual({
      identity: 'kim#0',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
    const missing = await rejection(validator.validate({ ...request, avatarSignature: undefined }, NO_FETCH))
    expect(missing.message).toBe('extra.signature not found')
  })

  it('is not configured without a bot token', async () => {
    const unconfigured = createDiscordValidator({ apiUrl: simulator.config.discord.apiUrl, botToken: null })
    expect(unconfigured.isConfigured).toBe(false)
    expect(validator.isConfigured).toBe(true)
    const { request } = proofMessage('leo#0', author('leo'))
    const error = await rejection(unconfigured.validate(request, NO_FETCH))
    expect(error).toBeInstanceOf(PlatformUnavailableError)
    expect(error.message).toBe('discord is not configured on this server')
  })
})

describe('the simulated Discord API (platforms.md §3.9)', () => {
  const get = (path: string, token = simulator.state.discord.botToken) =>
    fetch(`${simulator.url}/discord${path}`, { headers: { authorization: `Bot ${token}` } })

  it('serves v9 and v10 with the migrated author shape', async () => {
    const by = author('zed')
    const { id } = simulator.state.discord.postMessage({ channelId: CHANNEL, content: 'hello', author: by })
    for (const version of ['v9', 'v10']) {
      const body = await (await get(`/api/${version}/channels/${CHANNEL}/messages/${id}`)).json()
      expect(body).toMatchObject({
        id,
        channel_id: CHANNEL,
        content: 'hello',
        author: { id: by.id, username: 'zed', discriminator: '0', global_name: 'Zed' },
      })
    }
  })

  it('answers errors as {message, code} and 429 with retry_after', async () => {
    const unknown = await get(`/api/v10/channels/${CHANNEL}/messages/1`)
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: 'Unknown Message', code: 10008 }])
    const unauthorized = await get(`/api/v10/channels/${CHANNEL}/messages/1`, 'nope')
    expect([unauthorized.status, await unauthorized.json()]).toEqual([401, { message: '401: Unauthorized', code: 0 }])
    simulator.state.discord.hiddenChannels.add(CHANNEL)
    const hidden = await get(`/api/v10/channels/${CHANNEL}/messages/1`)
    expect([hidden.status, await hidden.json()]).toEqual([403, { message: 'Missing Access', code: 50001 }])
    simulator.state.discord.rateLimited = true
    const limited = await get(`/api/v10/channels/${CHANNEL}/messages/1`)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect([limited.status, await limited.json()]).toEqual([
      429,
      { message: 'You are being rate limited.', retry_after: 1.337, global: false },
    ])
  })
})

/** A fetch that never answers until its signal aborts, as a platform that hangs. */
function never(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)))
}
