import { describe, expect, expectTypeOf, it } from 'vitest'
import { postFacts } from '../../src/platforms/index.js'
import { HELPER_PLATFORMS, type HelperPlatform, helperPlatformOf, isOwnExtensionPage } from './sender-check.js'

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

describe('helperPlatformOf', () => {
  const tab = { id: 7 }
  const helper = (url: string, extra: Record<string, unknown> = {}) =>
    helperPlatformOf({ id: own.id, url, tab, frameId: 0, ...extra }, own)

  it('maps the top frame of X and GitHub gist tabs to their platform, from the URL the browser reports', () => {
    expect(helper('https://x.com/intent/tweet?text=hi')).toBe('twitter')
    expect(helper('https://twitter.com/home')).toBe('twitter')
    expect(helper('https://mobile.x.com/compose/post')).toBe('twitter')
    expect(helper('https://mobile.twitter.com/alice/status/1')).toBe('twitter')
    expect(helper('https://gist.github.com/', { origin: 'https://gist.github.com' })).toBe('github')
  })

  it('reads the helper sites from the registry: every helper origin of X and GitHub, nothing else', () => {
    expectTypeOf<HelperPlatform>().toEqualTypeOf<'twitter' | 'github'>()
    expect(HELPER_PLATFORMS).toEqual(['twitter', 'github'])
    for (const platform of HELPER_PLATFORMS) {
      for (const origin of postFacts(platform).helperOrigins)
        expect(helper(`${origin}/any/path`), origin).toBe(platform)
    }
    for (const platform of ['dns', 'keybase', 'minds', 'activitypub'] as const) {
      expect(postFacts(platform).helperOrigins).toEqual([])
    }
  })

  it('refuses other sites, look-alike hosts, http and other ports', () => {
    for (const url of [
      'https://github.com/',
      'https://evil.example/x.com',
      'https://x.com.evil.example/',
      'https://www.x.com/home',
      'http://x.com/home',
      'https://x.com:8443/home',
      'https://api.x.com/',
      'not a url',
    ]) {
      expect(helper(url), url).toBeUndefined()
    }
  })

  it('refuses extension pages, other extensions, iframes and senders without a tab', () => {
    expect(helper(`${own.origin}/extension/popup/index.html`)).toBeUndefined()
    expect(helperPlatformOf({ id: 'a'.repeat(32), url: 'https://x.com/home', tab, frameId: 0 }, own)).toBeUndefined()
    expect(helper('https://x.com/home', { frameId: 3 })).toBeUndefined()
    expect(helper('https://x.com/home', { tab: undefined })).toBeUndefined()
    expect(helperPlatformOf({ id: own.id, url: 'https://x.com/home', frameId: 0 }, own)).toBeUndefined()
  })

  it('refuses a sender whose reported origin disagrees with its URL', () => {
    expect(helper('https://x.com/home', { origin: 'https://evil.example' })).toBeUndefined()
  })
})
