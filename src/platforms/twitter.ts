/** X (Twitter): a tweet from the handle, found by its id (§6.1, §6.2; platforms.md §1). */
import { InvalidInputError } from '../errors.js'
import { toLowerLikeGo } from './identity-text.js'
import { POST_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'
import { idFromLink } from './proof-link.js'

/** X's documented Web Intent (platforms.md §1.1); `/intent/post` opens the same composer. */
export const TWEET_INTENT_URL = 'https://x.com/intent/tweet'
const SIGNATURE = '%SIG_BASE64%'
// Letters, digits and underscore, at most 15 (platforms.md §1.1); old handles may be shorter than 4.
const HANDLE = /^[A-Za-z0-9_]{1,15}$/

export const twitter = {
  id: 'twitter',
  kind: 'post',
  name: 'X (Twitter)',
  bindingLabel: 'X/Twitter account',
  registered: true,
  badge: { letter: 'X', color: '#111827' },
  identity: {
    normalize(text, field) {
      if (text.startsWith('@'))
        throw new InvalidInputError(field, 'must not start with "@": drop the @ (alice, not @alice)')
      return toLowerLikeGo(text)
    },
    check(text) {
      if (text.startsWith('@')) return 'drop-at'
      return HANDLE.test(text) ? undefined : 'not-a-handle'
    },
    example: 'NextDotID',
    examples: {
      valid: [
        ['NextDotID', 'nextdotid'],
        ['a_1', 'a_1'],
      ],
      invalid: [
        ['alice bob', 'not-a-handle'],
        ['x.com/alice', 'not-a-handle'],
        ['sixteen_letters_', 'not-a-handle'],
        ['@alice', 'drop-at'],
      ],
    },
  },
  post: {
    medium: 'tweet',
    template: ({ typed, uuid, createdAt, prev }) => {
      // Genesis leaves the last slot empty: `Misc: <uuid>|<created_at>|`.
      const misc = `${uuid}|${createdAt}|${prev ?? ''}`
      const english = `🎭 Verify @${typed} with @NextDotID.\nSig: ${SIGNATURE}\nMisc: ${misc}`
      return {
        default: english,
        en_US: english,
        zh_CN: `🎭 由 @NextDotID 验证 @${typed} 。\nSig: ${SIGNATURE}\n其它信息: ${misc}`,
      }
    },
    languages: ['en_US', 'zh_CN'],
    proofLocation: {
      parse: (text, field) =>
        idFromLink(text, field, {
          id: /^[0-9]{1,20}$/,
          hosts: ['x.com', 'twitter.com', 'mobile.twitter.com', 'mobile.x.com', 'www.x.com', 'www.twitter.com'],
          path: /^\/[^/]+\/status(?:es)?\/([0-9]{1,20})$/,
          what: 'a tweet id or link',
        }),
      example: 'https://x.com/alice/status/1415362679095635970',
    },
    publishUrl: (postText) => `${TWEET_INTENT_URL}?text=${encodeURIComponent(postText)}`,
    helperOrigins: ['https://x.com', 'https://twitter.com', 'https://mobile.x.com', 'https://mobile.twitter.com'],
    patienceMs: POST_PATIENCE_MS,
  },
  revoke: 'avatar-signature',
} as const satisfies PlatformSpec<'twitter'>
