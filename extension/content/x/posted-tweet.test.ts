// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { loadXFixture } from './fixture-pages.js'
import { findPostedTweetId } from './posted-tweet.js'

describe('findPostedTweetId', () => {
  it("takes the id from the toast's View link of the bound handle (any case)", () => {
    expect(findPostedTweetId(loadXFixture('toast'), 'Alice', () => 'https://x.com/home')).toBe('1747300000000000001')
  })

  it("ignores another handle's status in the toast and in the address", () => {
    expect(findPostedTweetId(loadXFixture('toast'), 'bob', () => 'https://x.com/home')).toBeUndefined()
    expect(findPostedTweetId(loadXFixture('home'), 'bob', () => 'https://x.com/alice/status/12')).toBeUndefined()
  })

  it('takes the id from a navigation to the new status page, and nothing before one', () => {
    const home = loadXFixture('home')
    expect(findPostedTweetId(home, 'alice', () => 'https://x.com/alice/status/1790000000000000042?s=20')).toBe(
      '1790000000000000042',
    )
    expect(findPostedTweetId(home, 'alice', () => 'https://x.com/home')).toBeUndefined()
  })
})
