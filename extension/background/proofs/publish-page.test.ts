import { describe, expect, it } from 'vitest'
import { weighTweet } from '../../../src/protocol/index.js'
import {
  TEST_AVATAR,
  TEST_PREV,
  TEST_UUID,
  testTwitterPostContent,
} from '../../../test/support/src/protocol/test-keys.js'
import { choosePostText, publishUrlFor } from './publish-page.js'

const choice = (identity: string, prev: string | null, language: string) => ({
  platform: 'twitter' as const,
  postContent: testTwitterPostContent(identity, prev),
  language,
  signature: TEST_PREV,
  avatarId: TEST_AVATAR,
})

describe('publishUrlFor', () => {
  it("opens X's compose intent with the whole post text percent-encoded (newlines as %0A)", () => {
    const text = `🎭 Verify @alice with @NextDotID.\nSig: ${TEST_PREV}\nMisc: ${TEST_UUID}|1705413052|`
    const url = publishUrlFor('twitter', text)
    expect(url.startsWith('https://x.com/intent/tweet?text=%F0%9F%8E%AD%20Verify%20%40alice')).toBe(true)
    expect(url).toContain('%0ASig%3A%20')
    expect(url).toContain('%2B') // '+' of the base64 signature must not become a space
    expect(new URL(url).searchParams.get('text')).toBe(text)
  })

  it('opens the new-gist page for GitHub and nothing for platforms without a publishing page', () => {
    expect(publishUrlFor('github', '{}')).toBe('https://gist.github.com/')
    expect(publishUrlFor('dns', 'ps:true')).toBe('')
    expect(publishUrlFor('keybase', '{}')).toBe('')
  })
})

describe('choosePostText', () => {
  it('keeps the chosen language while the tweet fits', () => {
    const text = choosePostText(choice('alice', TEST_PREV, 'zh_CN'))
    expect(text.startsWith('🎭 由 @NextDotID 验证 @alice 。\nSig: ')).toBe(true)
    expect(text).toContain(TEST_PREV)
  })

  it('falls back to the default template when the chosen language weighs more than 280 (platforms.md §1.2)', () => {
    const handle = 'abcdefghijklmno'
    const text = choosePostText(choice(handle, TEST_PREV, 'zh_CN'))
    expect(text.startsWith(`🎭 Verify @${handle} with @NextDotID.\nSig: ${TEST_PREV}\n`)).toBe(true)
    expect(weighTweet(text)).toBe(280)
  })

  it('never shortens other platforms: their texts are not tweets', () => {
    const long = { default: `${'x'.repeat(400)} %SIG_BASE64%` }
    const text = choosePostText({ ...choice('alice', null, 'en'), platform: 'minds', postContent: long })
    expect(text).toBe(`${'x'.repeat(400)} ${TEST_PREV}`)
  })
})
