/** Minds: a post from the account, found by its id (§6.1, §6.2). */
import { toLowerLikeGo } from './identity-text.js'
import { POST_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'
import { POWERED_BY } from './powered-by.js'
import { idFromLink } from './proof-link.js'

const USERNAME = /^[A-Za-z0-9_]{1,128}$/

export const minds = {
  id: 'minds',
  kind: 'post',
  name: 'Minds',
  bindingLabel: 'Minds account',
  registered: true,
  badge: { letter: 'M', color: '#1b85d6' },
  identity: {
    normalize: (text) => toLowerLikeGo(text),
    check(text) {
      if (text.startsWith('@')) return 'drop-at'
      return USERNAME.test(text) ? undefined : 'not-a-username'
    },
    example: 'alice',
    examples: {
      valid: [['Ottman', 'ottman']],
      invalid: [
        ['@ottman', 'drop-at'],
        ['ott man', 'not-a-username'],
      ],
    },
  },
  post: {
    medium: 'post',
    template: ({ typed, uuid, createdAt, prev }) => ({
      default:
        `🎭 Verifying my Minds ID @${typed} for NextID.\n\nSig: %SIG_BASE64%\nCreatedAt: ${createdAt}\n` +
        `UUID: ${uuid}${prev === null ? '' : `\nPrevious: ${prev}`}\n\n${POWERED_BY}\n`,
    }),
    languages: [],
    proofLocation: {
      parse: (text, field) =>
        idFromLink(text, field, {
          id: /^[0-9]{1,20}$/,
          hosts: ['www.minds.com', 'minds.com'],
          path: /^\/newsfeed\/([0-9]{1,20})$/,
          what: 'a Minds post id or link',
        }),
      example: 'https://www.minds.com/newsfeed/1234567890123456789',
    },
    publishUrl: () => '',
    helperOrigins: [],
    patienceMs: POST_PATIENCE_MS,
  },
  revoke: 'new-proof',
} as const satisfies PlatformSpec<'minds'>
