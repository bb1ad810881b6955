/**
 * What each post-based platform needs from the user (issue 5): where to publish the proof, and the
 * proof location the service fetches it from (§6.1), parsed from what the user pastes.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireString } from '../../../src/input.js'
import type { Platform } from '../../../src/protocol/index.js'

/** The platforms this flow engine binds: the user publishes, the service fetches. */
export const POST_PLATFORMS = [
  'twitter',
  'github',
  'keybase',
  'dns',
  'discord',
  'dotbit',
  'minds',
  'steam',
  'activitypub',
] as const satisfies readonly Platform[]

export type PostPlatform = (typeof POST_PLATFORMS)[number]

/** Platforms where the service finds the proof by identity alone (the location is ignored). */
const FOUND_BY_IDENTITY: readonly PostPlatform[] = ['dns', 'keybase', 'dotbit', 'steam']

/** Checks that `platform` is one this engine binds. */
export function parsePostPlatform(value: unknown, field = 'platform'): PostPlatform {
  const text = requireString(value, field)
  if (!(POST_PLATFORMS as readonly string[]).includes(text)) {
    throw new InvalidInputError(
      field,
      `must be one of ${POST_PLATFORMS.join(', ')} (got ${JSON.stringify(text.slice(0, 40))})`,
    )
  }
  return text as PostPlatform
}

/** True when the user must say where the proof was published. */
export function needsProofLocation(platform: PostPlatform): boolean {
  return !FOUND_BY_IDENTITY.includes(platform)
}

/** Where and how to publish the proof text, in words. */
export function publishHint(platform: PostPlatform, identity: string, avatar: string): string {
  switch (platform) {
    case 'twitter':
      return `Post this text as a tweet from @${identity}, then paste the tweet's link or id.`
    case 'github':
      return `Create a public gist as ${identity} with a file named ${avatar}.json holding this text, then paste the gist's link or id.`
    case 'keybase':
      return `Save this text as the public file ${identity}.keybase.pub/NextID/${avatar}.json.`
    case 'dns':
      return `Add this TXT record to ${identity}.`
    case 'discord':
      return `Send this text as a message from ${identity}, then paste the message link (Copy Message Link).`
    case 'dotbit':
      return `Add this text as a "nextid" custom record of ${identity}.`
    case 'minds':
      return `Post this text on Minds as ${identity}, then paste the post's link or id.`
    case 'steam':
      return `Add this text to the summary of the public Steam profile ${identity}.`
    case 'activitypub':
      return `Post this text publicly from ${identity}, then paste the post's link or id.`
  }
}

const TWEET_ID = /^[0-9]{1,20}$/
const GIST_ID = /^[0-9a-f]{1,64}$/i
const MINDS_ID = /^[0-9]{1,20}$/
const FEDIVERSE_ID = /^[A-Za-z0-9_-]{1,64}$/
const SNOWFLAKE = /^[0-9]{1,20}$/
const DISCORD_HOSTS = ['discord.com', 'ptb.discord.com', 'canary.discord.com', 'discordapp.com']

/** The proof location to submit, from an id or a link; `""` for platforms that need none. */
export function parseProofLocation(platform: PostPlatform, value: unknown, field = 'proofLocation'): string {
  const text = requireString(value, field).trim()
  switch (platform) {
    case 'twitter':
      return idFrom(
        text,
        field,
        TWEET_ID,
        ['x.com', 'twitter.com', 'mobile.twitter.com', 'www.x.com', 'www.twitter.com'],
        /^\/[^/]+\/status(?:es)?\/([0-9]{1,20})$/,
        'a tweet id or link',
      )
    case 'github':
      return idFrom(
        text,
        field,
        GIST_ID,
        ['gist.github.com'],
        /^\/(?:[^/]+\/)?([0-9a-fA-F]{1,64})$/,
        'a gist id or link',
      ).toLowerCase()
    case 'minds':
      return idFrom(
        text,
        field,
        MINDS_ID,
        ['www.minds.com', 'minds.com'],
        /^\/newsfeed\/([0-9]{1,20})$/,
        'a Minds post id or link',
      )
    case 'activitypub':
      return idFrom(text, field, FEDIVERSE_ID, undefined, /\/([A-Za-z0-9_-]{1,64})$/, 'a status id or link')
    case 'discord':
      return parseDiscordLink(text, field)
    default:
      return ''
  }
}

/** Accepts a bare id, or an https link on one of `hosts` (any host when undefined) whose path gives the id. */
function idFrom(
  text: string,
  field: string,
  id: RegExp,
  hosts: string[] | undefined,
  path: RegExp,
  what: string,
): string {
  if (id.test(text)) return text
  const url = tryUrl(text)
  const match =
    url && (hosts === undefined || hosts.includes(url.hostname)) ? path.exec(url.pathname.replace(/\/$/, '')) : null
  if (!match?.[1]) throw new InvalidInputError(field, `expected ${what}`)
  return match[1]
}

function parseDiscordLink(text: string, field: string): string {
  const problem = 'expected a Discord message link https://discord.com/channels/<server>/<channel>/<message>'
  const url = tryUrl(text)
  if (!url || !DISCORD_HOSTS.includes(url.hostname) || url.search !== '' || url.hash !== '') {
    throw new InvalidInputError(field, problem)
  }
  const [empty, channels, guild, channel, message, ...rest] = url.pathname.replace(/\/$/, '').split('/')
  const valid =
    empty === '' &&
    channels === 'channels' &&
    (guild === '@me' || SNOWFLAKE.test(guild ?? '')) &&
    SNOWFLAKE.test(channel ?? '') &&
    SNOWFLAKE.test(message ?? '') &&
    rest.length === 0
  if (!valid) throw new InvalidInputError(field, problem)
  return `https://discord.com/channels/${guild}/${channel}/${message}`
}

function tryUrl(text: string): URL | undefined {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}
