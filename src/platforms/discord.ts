/** Discord: a message from the account, found by its message link (§6.1, §6.2). */
import { InvalidInputError } from '../errors.js'
import { POST_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'
import { parseHttpsUrl } from './proof-link.js'

const HOSTS = ['discord.com', 'ptb.discord.com', 'canary.discord.com', 'discordapp.com']
const SNOWFLAKE = /^[0-9]{1,20}$/
const LINK_PROBLEM = 'expected a Discord message link https://discord.com/channels/<server>/<channel>/<message>'

/** `https://discord.com/channels/<guild or @me>/<channel>/<message>`, the form the validator reads. */
function parseMessageLink(text: string, field: string): string {
  const url = parseHttpsUrl(text.trim())
  if (!url || !HOSTS.includes(url.hostname) || url.search !== '' || url.hash !== '') {
    throw new InvalidInputError(field, LINK_PROBLEM)
  }
  const [empty, channels, guild, channel, message, ...rest] = url.pathname.replace(/\/$/, '').split('/')
  const valid =
    empty === '' &&
    channels === 'channels' &&
    (guild === '@me' || SNOWFLAKE.test(guild ?? '')) &&
    SNOWFLAKE.test(channel ?? '') &&
    SNOWFLAKE.test(message ?? '') &&
    rest.length === 0
  if (!valid) throw new InvalidInputError(field, LINK_PROBLEM)
  return `https://discord.com/channels/${guild}/${channel}/${message}`
}

export const discord = {
  id: 'discord',
  kind: 'post',
  name: 'Discord',
  bindingLabel: 'Discord account',
  registered: true,
  badge: { letter: 'D', color: '#5865f2' },
  identity: {
    // Discord tags are case-sensitive: kept as typed (§5.3).
    normalize: (text) => text,
    check(text) {
      if (text.startsWith('@')) return 'drop-at'
      if (text.includes('/')) return 'is-a-link'
      // A username (2–32) or a legacy tag `name#1234`.
      return text.length >= 2 && text.length <= 37 ? undefined : 'not-a-username'
    },
    example: 'alice#1234',
    examples: {
      valid: [
        ['Alice#0001', 'Alice#0001'],
        ['alice.b', 'alice.b'],
      ],
      invalid: [
        ['@alice', 'drop-at'],
        ['a', 'not-a-username'],
      ],
    },
  },
  post: {
    medium: 'message',
    template: ({ identity }) => {
      // Discord alone uses `-` in its language keys (§11 #8).
      const english = `Verifying my discord ID: ${identity} on NextID. \nSig: %SIG_BASE64%`
      return {
        default: english,
        'en-US': english,
        'zh-CN': `在NextID上认证我的账号： ${identity} \nSig: %SIG_BASE64%`,
      }
    },
    languages: ['en-US', 'zh-CN'],
    proofLocation: {
      parse: parseMessageLink,
      example: 'https://discord.com/channels/@me/123456789012345678/123456789012345678',
    },
    publishUrl: () => '',
    helperOrigins: [],
    patienceMs: POST_PATIENCE_MS,
  },
  revoke: 'avatar-signature',
} as const satisfies PlatformSpec<'discord'>
