/**
 * The popup words flows and identity errors from codes and the registry, in each shipped language:
 * every post platform has a publish hint, every identity rule a sentence with the user's words.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { type IdentityRule, PLATFORM_SPECS, POST_PLATFORMS } from '../../../src/platforms/index.js'
import { messageReader } from '../../../test/support/locale-messages.js'
import { language } from '../../../test/support/popup-i18n.js'

vi.mock('webextension-polyfill', () => import('../../../test/support/popup-i18n.js'))
const { publishHintText } = await import('./flow-text.js')
const { identityErrorText } = await import('./identity-error.js')
const tr = (key: string, ...substitutions: string[]) => messageReader(language.current)(key, substitutions)

const AVATAR = `0x02${'ab'.repeat(32)}`
const RULES: IdentityRule[] = [
  'empty',
  'whitespace',
  'control-character',
  'drop-at',
  'not-a-handle',
  'not-a-login',
  'not-a-domain',
  'not-a-dotbit-account',
  'not-a-username',
  'not-a-fediverse-handle',
  'not-an-address',
  'not-an-avatar',
  'too-long',
  'is-a-link',
]

beforeEach(() => {
  language.current = 'en'
})

describe('publishHintText', () => {
  it('says where to publish on every post platform, in both languages', () => {
    for (const locale of ['en', 'zh_CN'] as const) {
      language.current = locale
      for (const platform of POST_PLATFORMS) {
        const hint = publishHintText({ platform, identity: 'alice', avatarId: AVATAR })
        expect(hint, `${locale} ${platform}`).toContain('alice')
        expect(hint, `${locale} ${platform}`).not.toMatch(/\$[A-Z]+\$/)
      }
    }
    expect(publishHintText({ platform: 'ethereum', identity: '0x1', avatarId: AVATAR })).toBe('')
  })

  it('names the gist file and warns that DNS takes hours', () => {
    expect(publishHintText({ platform: 'github', identity: 'alice', avatarId: AVATAR })).toContain(`${AVATAR}.json`)
    expect(publishHintText({ platform: 'dns', identity: 'example.com', avatarId: AVATAR })).toBe(
      'Add this TXT record to example.com. DNS changes can take hours to show; the extension keeps checking for up to two days.',
    )
    expect(publishHintText({ platform: 'twitter', identity: 'alice', avatarId: AVATAR })).toBe(
      "Post this text as a tweet from @alice, then paste the tweet's link or id.",
    )
  })
})

describe('identityErrorText', () => {
  it('words every rule with the words typed, in both languages', () => {
    for (const locale of ['en', 'zh_CN'] as const) {
      language.current = locale
      for (const rule of RULES) {
        const text = identityErrorText({ platform: 'dns', rule, input: 'not a domain!!' }, tr)
        expect(text, `${locale} ${rule}`).not.toBe('')
        expect(text, `${locale} ${rule}`).not.toMatch(/\$[A-Z]+\$/)
        if (rule !== 'empty') expect(text, `${locale} ${rule}`).toContain('not a domain!!')
      }
    }
  })

  it('says what a domain looks like, with the platform named where it matters', () => {
    expect(identityErrorText({ platform: 'dns', rule: 'not-a-domain', input: 'not a domain!!' }, tr)).toBe(
      '“not a domain!!” is not a domain name. Type a domain such as example.com.',
    )
    expect(identityErrorText({ platform: 'keybase', rule: 'not-a-username', input: 'a b' }, tr)).toBe(
      `“a b” is not a ${PLATFORM_SPECS.keybase.name} username.`,
    )
  })
})
