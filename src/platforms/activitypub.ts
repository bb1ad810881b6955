/** ActivityPub (Mastodon and others): a public post from `user@server`, found by its id (§6.1, §6.2). */
import { InvalidInputError } from '../errors.js'
import { isDomainName } from './identity-text.js'
import { POST_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'
import { POWERED_BY } from './powered-by.js'
import { idFromLink } from './proof-link.js'

const HANDLE = /^[^@\s]+@[^@\s/]+$/

export const activitypub = {
  id: 'activitypub',
  kind: 'post',
  name: 'ActivityPub',
  bindingLabel: 'ActivityPub account',
  registered: true,
  badge: { letter: 'A', color: '#563acc' },
  identity: {
    normalize(text, field) {
      // Only one leading `@` is dropped, as the reference does at validation (§5.3).
      const handle = text.startsWith('@') ? text.slice(1) : text
      if (!HANDLE.test(handle)) throw new InvalidInputError(field, 'expected user@server')
      return handle
    },
    check(text) {
      const handle = text.startsWith('@') ? text.slice(1) : text
      const server = handle.slice(handle.indexOf('@') + 1)
      return /^[A-Za-z0-9_.-]{1,64}@/.test(handle) && isDomainName(server) ? undefined : 'not-a-fediverse-handle'
    },
    example: 'alice@mastodon.social',
    examples: {
      valid: [
        ['@Alice@Mastodon.social', 'Alice@Mastodon.social'],
        ['alice@example.org', 'alice@example.org'],
      ],
      invalid: [
        ['alice@localhost', 'not-a-fediverse-handle'],
        ['al!ce@example.org', 'not-a-fediverse-handle'],
      ],
    },
  },
  post: {
    medium: 'post',
    template: ({ identity, avatar, uuid, createdAt, prev }) => ({
      default:
        `Validate my ActivityPub identity @${identity} for Avatar ${avatar}:\n\nSignature: %SIG_BASE64%\n` +
        `UUID: ${uuid}\nPrevious: ${prev ?? 'null'}\nCreatedAt: ${createdAt}\n\n${POWERED_BY}\n`,
    }),
    languages: [],
    proofLocation: {
      parse: (text, field) =>
        idFromLink(text, field, {
          id: /^[A-Za-z0-9_-]{1,64}$/,
          hosts: undefined,
          path: /\/([A-Za-z0-9_-]{1,64})$/,
          what: 'a status id or link',
        }),
      example: 'https://mastodon.social/@alice/109876543210987654',
    },
    publishUrl: () => '',
    helperOrigins: [],
    patienceMs: POST_PATIENCE_MS,
  },
  revoke: 'new-proof',
} as const satisfies PlatformSpec<'activitypub'>
