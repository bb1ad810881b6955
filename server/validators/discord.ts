/**
 * Discord bindings (§6.1, §6.3; platforms.md §3.9): the bot reads the message the proof link points
 * to; its author must be the identity (`alice#0` or `alice` for migrated users, `Name#1234` for
 * legacy tags, case-sensitive) and its `Sig: ` line the avatar's signature over the rebuilt payload.
 */
import { InvalidInputError } from '../../src/errors.js'
import { findSignatureLine } from '../../src/protocol/index.js'
import type { PlatformConfig } from '../config.js'
import { asJsonObject, fetchPlatform, readPlatformJson, unexpectedStatus } from './platform-fetch.js'
import { checkProofSignature, deleteWithAvatarSignature } from './proof-signature.js'
import {
  PlatformUnavailableError,
  ProofRejectedError,
  type ValidationRequest,
  type ValidationResult,
  type Validator,
  type ValidatorContext,
} from './validator.js'

const LABEL = 'discord'
const SNOWFLAKE = /^[0-9]{1,20}$/
const LINK_HOSTS = ['discord.com', 'discordapp.com'].flatMap((host) =>
  ['', 'www.', 'ptb.', 'canary.'].map((sub) => sub + host),
)
// Discord asks bots to identify themselves in this form (discord-api-docs, Reference: User Agent).
const USER_AGENT = 'DiscordBot (https://github.com/nextid-companion, 1.0)'

type MessageLink = { channel: string; message: string }
type Message = { content: string; hasMedia: boolean; author: { id: string; username: string; discriminator: string } }

/** The discord validator; not configured without a bot token (DISCORD_BOT_TOKEN). */
export function createDiscordValidator(config: PlatformConfig['discord']): Validator<'discord'> {
  const token = config.botToken ?? ''
  return {
    platform: 'discord',
    isConfigured: token !== '',
    requiredSetting: 'DISCORD_BOT_TOKEN',
    validate: async (request, context) => {
      // Delete proves itself with the avatar's signature; the message may be long gone (§7.2).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      if (token === '') throw new PlatformUnavailableError('discord is not configured on this server')
      const link = parseMessageLink(request.proofLocation)
      return validateMessage(request, await fetchMessage(config.apiUrl, token, link, context))
    },
  }
}

/** `https://discord.com/channels/<guild|@me>/<channel>/<message>`: the reference needs exactly these 5 path parts. */
function parseMessageLink(location: string): MessageLink {
  const problem = 'expected a Discord message link https://discord.com/channels/<server>/<channel>/<message>'
  let url: URL
  try {
    url = new URL(location)
  } catch {
    throw new InvalidInputError('proof_location', problem)
  }
  const [empty, channels, guild, channel, message, ...rest] = url.pathname.replace(/\/$/, '').split('/')
  const valid =
    url.protocol === 'https:' &&
    LINK_HOSTS.includes(url.hostname) &&
    empty === '' &&
    channels === 'channels' &&
    (guild === '@me' || SNOWFLAKE.test(guild ?? '')) &&
    rest.length === 0
  if (!valid || !SNOWFLAKE.test(channel ?? '') || !SNOWFLAKE.test(message ?? '')) {
    throw new InvalidInputError('proof_location', problem)
  }
  return { channel: channel as string, message: message as string }
}

function validateMessage(request: ValidationRequest, message: Message): ValidationResult {
  const { author } = message
  const tag = `${author.username}#${author.discriminator}`
  // discordgo v0.25 prints migrated users as `alice#0`; newer clients show just `alice` (platforms.md §3.9).
  if (request.identity !== tag && !(author.discriminator === '0' && request.identity === author.username)) {
    throw new ProofRejectedError(
      `discord message is not sent by this account: expected ${request.identity}, got ${tag}`,
    )
  }
  if (message.content === '' && !message.hasMedia) {
    // Discord blanks content, embeds and attachments alike for a bot without the intent.
    throw new PlatformUnavailableError(
      'discord returned the message without its text: the bot needs the MESSAGE_CONTENT intent',
    )
  }
  let signature: string
  try {
    signature = findSignatureLine(message.content, 'discord')
  } catch {
    throw new ProofRejectedError('discord message has no "Sig: <signature>" line')
  }
  const linkSignature = checkProofSignature(request, signature, 'the "Sig:" line of the discord message')
  return { identity: request.identity, altId: author.id, linkSignature }
}

async function fetchMessage(apiUrl: string, token: string, link: MessageLink, context: ValidatorContext) {
  const url = `${apiUrl}/channels/${link.channel}/messages/${link.message}`
  const headers = { authorization: `Bot ${token}`, accept: 'application/json', 'user-agent': USER_AGENT }
  const response = await fetchPlatform(context, LABEL, url, { headers })
  if (response.status === 404)
    throw new ProofRejectedError(`discord message not found: ${link.channel}/${link.message}`)
  if (response.status === 403) {
    throw new PlatformUnavailableError(
      `discord bot cannot read channel ${link.channel}: it needs View Channel and Read Message History there`,
    )
  }
  if (response.status === 429) throw await rateLimited(response, context)
  if (response.status !== 200) throw unexpectedStatus(LABEL, response)
  return readMessage(asJsonObject(await readPlatformJson(response, LABEL, context)))
}

function readMessage(body: Record<string, unknown> | undefined): Message {
  const author = asJsonObject(body?.author)
  const { id, username, discriminator } = author ?? {}
  if (typeof body?.content !== 'string' || typeof id !== 'string' || typeof username !== 'string') {
    throw new PlatformUnavailableError('discord answered a message without content or author')
  }
  const hasMedia = [body.attachments, body.embeds].some((list) => Array.isArray(list) && list.length > 0)
  const tag = typeof discriminator === 'string' ? discriminator : '0'
  return { content: body.content, hasMedia, author: { id, username, discriminator: tag } }
}

async function rateLimited(response: Response, context: ValidatorContext): Promise<PlatformUnavailableError> {
  const body = asJsonObject(await readPlatformJson(response, LABEL, context).catch(() => undefined))
  const seconds = typeof body?.retry_after === 'number' ? body.retry_after : Number(response.headers.get('retry-after'))
  const retry = Number.isFinite(seconds) && seconds > 0 ? `; retry after ${seconds} s` : ''
  return new PlatformUnavailableError(`discord is rate limiting this server (HTTP 429)${retry}`)
}
