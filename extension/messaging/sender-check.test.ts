import { describe, expect, it } from 'vitest'
import { isOwnExtensionPage } from './sender-check.js'

const own = { id: 'bpmnpgjfpnkihnhbjpkckligkmmgdhgp', origin: 'chrome-extension://bpmnpgjfpnkihnhbjpkckligkmmgdhgp' }

describe('isOwnExtensionPage', () => {
  it('accepts the popup and other pages of this extension', () => {
    expect(
      isOwnExtensionPage({ id: own.id, url: `${own.origin}/extension/popup/index.html`, origin: own.origin }, own),
    ).toBe(true)
    expect(isOwnExtensionPage({ id: own.id, url: `${own.origin}/extension/popup/index.html#/home` }, own)).toBe(true)
  })

  it('refuses a content script of this extension: same id, but the web page’s URL', () => {
    expect(isOwnExtensionPage({ id: own.id, url: 'https://x.com/home', origin: 'https://x.com' }, own)).toBe(false)
    expect(isOwnExtensionPage({ id: own.id, url: 'https://gist.github.com/' }, own)).toBe(false)
  })

  it('refuses other extensions, even with a look-alike URL', () => {
    const other = 'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    expect(isOwnExtensionPage({ id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', url: `${other}/page.html` }, own)).toBe(false)
    expect(isOwnExtensionPage({ id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', url: `${own.origin}/x.html` }, own)).toBe(false)
  })

  it('refuses a sender without a URL, a malformed URL, or a disagreeing origin', () => {
    expect(isOwnExtensionPage({ id: own.id }, own)).toBe(false)
    expect(isOwnExtensionPage({ id: own.id, url: 'not a url' }, own)).toBe(false)
    expect(isOwnExtensionPage({ id: own.id, url: `${own.origin}/p.html`, origin: 'https://evil.example' }, own)).toBe(
      false,
    )
  })
})
