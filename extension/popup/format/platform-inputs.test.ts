import { describe, expect, it } from 'vitest'
import { PLATFORM_SPECS, POST_PLATFORMS } from '../../../src/platforms/index.js'
import { helperSite, helperSitePatterns, identityExample, postLanguages } from './platform-inputs.js'

describe('platform inputs', () => {
  it('gives an example identity in the form the service expects', () => {
    expect(identityExample('dns')).toBe('example.com')
    expect(identityExample('activitypub')).toBe('alice@mastodon.social')
    expect(identityExample('twitter')).toBe('NextDotID')
    expect(identityExample('unknown')).toBe('')
    for (const platform of POST_PLATFORMS) expect(identityExample(platform), platform).not.toBe('')
  })

  it('offers a language choice only where the templates have one', () => {
    expect(postLanguages('twitter')).toEqual(['en', 'zh_CN'])
    // Discord's keys use `-` (zh-CN): offered in the same form, choosePostContent finds either.
    expect(postLanguages('discord')).toEqual(['en', 'zh_CN'])
    expect(postLanguages('dns')).toEqual([])
    expect(postLanguages('ethereum')).toEqual([])
    expect(postLanguages('unknown')).toEqual([])
  })

  it('names the sites whose helper captures the proof location', () => {
    expect(helperSite('twitter')).toBe(PLATFORM_SPECS.twitter.name)
    expect(helperSite('github')).toBe('GitHub')
    // The site access a helper flow needs: the manifest's content-script matches for it.
    expect(helperSitePatterns('github')).toEqual(['https://gist.github.com/*'])
    expect(helperSitePatterns('twitter')).toContain('https://x.com/*')
    expect(helperSitePatterns('dns')).toEqual([])
    expect(helperSitePatterns('nope')).toEqual([])
    expect(helperSite('minds')).toBeUndefined()
    expect(helperSite('ethereum')).toBeUndefined()
    expect(helperSite('unknown')).toBeUndefined()
  })
})
