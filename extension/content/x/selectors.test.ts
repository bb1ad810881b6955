// @vitest-environment happy-dom
/**
 * Every X selector against the saved pages (e2e/fixtures/x/, rebuilt from platforms.md §1.3–1.8):
 * each must match exactly the count written beside it in selectors.ts; and what the helper reads
 * from those pages (composer text, status id). The account: logged-in-account.test.ts.
 */
import { describe, expect, it, test } from 'vitest'
import { loadXFixture, X_FIXTURE_FILES } from '../../../test/support/extension/x-fixture-pages.js'
import {
  findComposer,
  isInComposer,
  isPostButton,
  parseStatusPath,
  readComposerText,
  readToastStatuses,
  X_SELECTORS,
  type XPageFixture,
} from './selectors.js'

const SIG = 'vBT+0qWuLFx+eT8qRfT5qthMfKpWE57kqAKAbFuxqc9Lqg4t9xvz0KlD+/sXevwb2cF5lab0CZKFSPMxjT+bYxs='
const PROOF = `🎭 Verify @alice with @NextDotID.\nSig: ${SIG}\nMisc: 6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f|1705413052|`

describe.each(Object.keys(X_FIXTURE_FILES) as XPageFixture[])('on the %s fixture', (page) => {
  const doc = loadXFixture(page)
  test.each(Object.entries(X_SELECTORS))('%s matches its documented count', (_name, selector) => {
    expect(doc.querySelectorAll(selector.css)).toHaveLength(selector.counts[page])
  })
})

describe('the composer', () => {
  it('reads the prefilled intent text line by line from the Draft.js blocks', () => {
    const composer = findComposer(loadXFixture('intent'))
    expect(composer?.getAttribute('role')).toBe('textbox')
    expect(readComposerText(composer as HTMLElement)).toBe(PROOF)
  })

  it('reads an empty inline composer as empty text (the placeholder is not text)', () => {
    const composer = findComposer(loadXFixture('home'))
    expect(readComposerText(composer as HTMLElement)).toBe('')
  })

  it('prefers the compose modal over an inline composer behind it', () => {
    const doc = loadXFixture('intent')
    const inline = findComposer(loadXFixture('home'))
    doc.querySelector('[data-testid="primaryColumn"]')?.prepend(doc.importNode(inline as HTMLElement, true))
    expect(doc.querySelectorAll(X_SELECTORS.composer.css)).toHaveLength(2)
    expect(readComposerText(findComposer(doc) as HTMLElement)).toBe(PROOF)
  })

  it('knows a Post button and the composer by the element clicked or typed in', () => {
    const doc = loadXFixture('intent')
    expect(isPostButton(doc.querySelector('button[data-testid="tweetButton"] span span'))).toBe(true)
    expect(isPostButton(doc.querySelector('button[data-testid="geoButton"]'))).toBe(false)
    expect(isInComposer(doc.querySelector('span[data-text="true"]'))).toBe(true)
    expect(isInComposer(doc.querySelector('button[data-testid="tweetButton"]'))).toBe(false)
    expect(isPostButton(null)).toBe(false)
  })
})

describe('status ids', () => {
  it('takes the handle and id from the toast "View" link', () => {
    expect(readToastStatuses(loadXFixture('toast'))).toEqual([{ handle: 'alice', id: '1747300000000000001' }])
    expect(readToastStatuses(loadXFixture('home'))).toEqual([])
  })

  it('parses status paths and links with suffixes, keeping ids as strings', () => {
    expect(parseStatusPath('/alice/status/1747300000000000001')).toEqual({ handle: 'alice', id: '1747300000000000001' })
    expect(parseStatusPath('https://x.com/Alice/status/18446744073709551615/photo/1?s=20')).toEqual({
      handle: 'Alice',
      id: '18446744073709551615',
    })
    for (const bad of ['/alice', '/alice/status/', '/alice/status/12a', '/i/status/x', '/a/b/status/1', 'http://[']) {
      expect(parseStatusPath(bad), bad).toBeUndefined()
    }
  })

  it('finds the permalink of the posted proof on its status page', () => {
    const doc = loadXFixture('status')
    const link = doc.querySelector('article[data-testid="tweet"] a[href*="/status/"]:has(time)')
    expect(parseStatusPath(link?.getAttribute('href') ?? '')).toEqual({ handle: 'alice', id: '1747300000000000001' })
    expect(doc.querySelector('div[data-testid="tweetText"] img')?.getAttribute('alt')).toBe('🎭')
  })
})
