// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { loadXFixture } from '../../../test/support/extension/x-fixture-pages.js'
import { findPostedTweetId, recordBeforePost } from './posted-tweet.js'

const HOME = 'https://x.com/home'
const OWN_STATUS = 'https://x.com/alice/status/1747300000000000001'

/** A toast "View" link to `/<handle>/status/<id>`, as X adds it after a post. */
function addToast(doc: Document, handle: string, id: string): void {
  const toast = doc.createElement('div')
  toast.setAttribute('data-testid', 'toast')
  toast.innerHTML = `<span>Your post was sent.</span><a href="/${handle}/status/${id}">View</a>`
  doc.body.append(toast)
}

describe('findPostedTweetId', () => {
  it("takes the id from a new toast's View link of the bound handle (any case)", () => {
    const home = loadXFixture('home')
    const before = recordBeforePost(home, HOME)
    addToast(home, 'alice', '1747300000000000009')
    expect(findPostedTweetId(home, 'Alice', () => HOME, before)).toBe('1747300000000000009')
  })

  it("ignores another handle's status in the toast and in the address", () => {
    const home = loadXFixture('home')
    const before = recordBeforePost(home, HOME)
    addToast(home, 'bob', '1747300000000000009')
    expect(findPostedTweetId(home, 'alice', () => HOME, before)).toBeUndefined()
    expect(findPostedTweetId(home, 'alice', () => 'https://x.com/bob/status/12', before)).toBeUndefined()
  })

  it('takes the id from a navigation to the new status page, and nothing before one', () => {
    const home = loadXFixture('home')
    const before = recordBeforePost(home, HOME)
    expect(findPostedTweetId(home, 'alice', () => HOME, before)).toBeUndefined()
    expect(findPostedTweetId(home, 'alice', () => 'https://x.com/alice/status/1790000000000000042?s=20', before)).toBe(
      '1790000000000000042',
    )
  })

  it('never takes the status page a reply was posted from: only the new toast link', () => {
    const status = loadXFixture('status')
    const before = recordBeforePost(status, OWN_STATUS)
    expect(findPostedTweetId(status, 'alice', () => OWN_STATUS, before)).toBeUndefined()
    expect(findPostedTweetId(status, 'alice', () => `${OWN_STATUS}?s=20`, before)).toBeUndefined()
    addToast(status, 'alice', '1790000000000000043')
    expect(findPostedTweetId(status, 'alice', () => OWN_STATUS, before)).toBe('1790000000000000043')
  })

  it('never takes a toast that was already showing when Post was clicked', () => {
    const toast = loadXFixture('toast') // "Your post was sent." for 1747300000000000001, still up
    const before = recordBeforePost(toast, HOME)
    expect(findPostedTweetId(toast, 'alice', () => HOME, before)).toBeUndefined()
    addToast(toast, 'alice', '1790000000000000044')
    expect(findPostedTweetId(toast, 'alice', () => HOME, before)).toBe('1790000000000000044')
  })
})
