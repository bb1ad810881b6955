import { describe, expect, it } from 'vitest'
import { TEST_PREV, testTwitterPostContent } from '../../test/support/src/protocol/test-keys.js'
import { InvalidInputError } from '../errors.js'
import { fillSignature } from './post-content.js'
import { fitsInTweet, MAX_TWEET_WEIGHT, weighTweet } from './tweet-length.js'

/** The Twitter post texts of §6.2 with a real 88-character signature filled in. */
function twitterTexts(identity: string, prev: string | null) {
  const content = testTwitterPostContent(identity, prev)
  return {
    en: fillSignature(content.default, TEST_PREV),
    zh: fillSignature(content.zh_CN, TEST_PREV),
  }
}

describe('weighTweet', () => {
  it('weighs Latin text, newlines and general punctuation 1 per code point', () => {
    expect(weighTweet('')).toBe(0)
    expect(weighTweet('Hello, world!\n')).toBe(14)
    expect(weighTweet('“quoted” – ‘x’')).toBe(14) // U+201C/201D/2013/2018/2019 are in the light ranges
    expect(weighTweet('é')).toBe(1) // U+00E9
    expect(weighTweet('e\u0301')).toBe(1) // NFC turns e + combining acute into é first
  })

  it('weighs CJK characters and CJK punctuation 2', () => {
    expect(weighTweet('由')).toBe(2)
    expect(weighTweet('验证。')).toBe(6) // U+3002 is outside the light ranges
    expect(weighTweet('其它信息: ')).toBe(10)
  })

  it('weighs every emoji sequence 2 in total', () => {
    expect(weighTweet('🎭')).toBe(2)
    expect(weighTweet('👍🏽')).toBe(2) // skin tone modifier
    expect(weighTweet('👨‍👩‍👧‍👦')).toBe(2) // ZWJ family, 7 code points
    expect(weighTweet('🇯🇵')).toBe(2) // regional indicator flag
    expect(weighTweet('1️⃣')).toBe(2) // keycap
    expect(weighTweet('a🎭b')).toBe(4)
  })

  it('weighs every URL 23 whatever its length', () => {
    expect(weighTweet('https://example.com/a/very/long/path/that/goes/on/and/on')).toBe(23)
    expect(weighTweet('see http://x.co now')).toBe(4 + 23 + 4)
  })

  it('matches platforms.md §1.2 for the Next.ID templates: English always fits, Chinese overflows for long handles with prev', () => {
    const handle15 = 'abcdefghijklmno'
    expect(weighTweet(twitterTexts('alice', null).en)).toBe(177 + 5)
    expect(weighTweet(twitterTexts('alice', null).zh)).toBe(179 + 5)
    expect(weighTweet(twitterTexts(handle15, TEST_PREV).en)).toBe(MAX_TWEET_WEIGHT)
    expect(weighTweet(twitterTexts(handle15.slice(0, 13), TEST_PREV).zh)).toBe(280)
    expect(weighTweet(twitterTexts(handle15.slice(0, 14), TEST_PREV).zh)).toBe(281)
    expect(weighTweet(twitterTexts(handle15, TEST_PREV).zh)).toBe(282)
  })

  it('refuses a value that is not a string with a typed error', () => {
    expect(() => weighTweet(42)).toThrow(InvalidInputError)
    expect(() => weighTweet(undefined)).toThrow('"text" expected string, got')
  })
})

describe('fitsInTweet', () => {
  it('accepts exactly 280 and refuses 281', () => {
    expect(fitsInTweet('a'.repeat(280))).toBe(true)
    expect(fitsInTweet('a'.repeat(281))).toBe(false)
    expect(fitsInTweet('由'.repeat(140))).toBe(true)
    expect(fitsInTweet(`${'由'.repeat(140)}a`)).toBe(false)
  })
})
