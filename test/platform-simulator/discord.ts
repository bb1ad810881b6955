/**
 * Runs in: tests (Node). Discord's `GET /api/v{9,10}/channels/{channel}/messages/{message}` in its
 * real wire format (platforms.md §3.9): a bot token, authors after the username migration
 * (`discriminator: "0"`), errors as `{"message","code"}`, 429 with `retry_after`, and the empty
 * `content` a bot without the MESSAGE_CONTENT intent receives.
 */
import { type Context, Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

export type SimulatedDiscordAuthor = {
  id: string
  username: string
  /** `"0"` for users who migrated to unique usernames; four digits for legacy tags. */
  discriminator: string
  globalName: string | null
}
export type SimulatedDiscordMessage = { channelId: string; id: string; content: string; author: SimulatedDiscordAuthor }

/** What tests post on the simulated Discord, and its failure switches. */
export class DiscordState {
  /** The token the API accepts (`Authorization: Bot …`). */
  botToken = 'simulator-discord-bot-token'
  /** Off: the bot lacks the privileged MESSAGE_CONTENT intent, so `content` comes back empty. */
  messageContentIntent = true
  /** When on, every request gets 429 with `retry_after`. */
  rateLimited = false
  /** When on, every request gets 502, as Discord's edge does during an outage. */
  down = false
  /** Channels the bot cannot see: 403 Missing Access. */
  readonly hiddenChannels = new Set<string>()
  /** Paths of the requests received, oldest first. */
  readonly requests: string[] = []
  readonly #messages = new Map<string, SimulatedDiscordMessage>()
  #nextId = 1_200_000_000_000_000_000n

  /** Posts a message (with a fresh snowflake id unless one is given) and returns it. */
  postMessage(message: { channelId: string; content: string; author: SimulatedDiscordAuthor; id?: string }) {
    this.#nextId += 1n
    const stored = { ...message, id: message.id ?? this.#nextId.toString() }
    this.#messages.set(`${stored.channelId}/${stored.id}`, stored)
    return stored
  }

  /** Deletes a message: it then answers 404 Unknown Message. */
  deleteMessage(channelId: string, id: string): void {
    this.#messages.delete(`${channelId}/${id}`)
  }

  message(channelId: string, id: string): SimulatedDiscordMessage | undefined {
    return this.#messages.get(`${channelId}/${id}`)
  }
}

/** A migrated user (`alice#0`) or, with a discriminator, a legacy tag (`Alice#1234`). */
export function discordAuthor(id: string, username: string, discriminator = '0'): SimulatedDiscordAuthor {
  return { id, username, discriminator, globalName: username.charAt(0).toUpperCase() + username.slice(1) }
}

/** The simulated Discord API; DISCORD_API_URL is `<mount>/api/v10` (v9 is served too, as the reference uses it). */
export function createDiscordSimulator(): SimulatedPlatform<DiscordState> {
  const state = new DiscordState()
  const app = new Hono()
  app.use('*', async (c, next) => {
    state.requests.push(c.req.path)
    if (state.down) return c.text('error code: 502', 502)
    if (c.req.header('authorization') !== `Bot ${state.botToken}`) {
      return c.json({ message: '401: Unauthorized', code: 0 }, 401)
    }
    if (state.rateLimited) return rateLimited(c)
    await next()
  })
  for (const version of ['v9', 'v10']) {
    app.get(`/api/${version}/channels/:channel/messages/:message`, (c) => {
      const { channel, message } = c.req.param()
      if (!/^\d{1,20}$/.test(channel) || !/^\d{1,20}$/.test(message)) {
        return c.json({ message: 'Invalid Form Body', code: 50035 }, 400)
      }
      if (state.hiddenChannels.has(channel)) return c.json({ message: 'Missing Access', code: 50001 }, 403)
      const found = state.message(channel, message)
      if (!found) return c.json({ message: 'Unknown Message', code: 10008 }, 404)
      return c.json(messageBody(found, state.messageContentIntent))
    })
  }
  return {
    prefix: '/discord',
    app,
    state,
    config: (mountUrl) => ({ discord: { apiUrl: `${mountUrl}/api/v10`, botToken: state.botToken } }),
  }
}

function rateLimited(c: Context): Response {
  c.header('retry-after', '2')
  c.header('x-ratelimit-limit', '5')
  c.header('x-ratelimit-remaining', '0')
  c.header('x-ratelimit-reset-after', '1.337')
  c.header('x-ratelimit-scope', 'user')
  return c.json({ message: 'You are being rate limited.', retry_after: 1.337, global: false }, 429)
}

// Without the intent Discord blanks content, embeds, attachments and components (platforms.md §3.9).
function messageBody(message: SimulatedDiscordMessage, withContent: boolean): object {
  const { author } = message
  return {
    id: message.id,
    type: 0,
    channel_id: message.channelId,
    content: withContent ? message.content : '',
    timestamp: '2024-01-18T00:00:00.000000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    author: {
      id: author.id,
      username: author.username,
      discriminator: author.discriminator,
      global_name: author.globalName,
      avatar: null,
      public_flags: 0,
    },
  }
}
