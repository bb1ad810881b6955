import { describe, expect, it } from 'vitest'
import { helperSite, identityExample, postLanguages } from './platform-inputs.js'

describe('platform inputs', () => {
  it('gives an example identity in the form the service expects', () => {
    expect(identityExample('dns')).toBe('example.com')
    expect(identityExample('activitypub')).toBe('alice@mastodon.social')
    expect(identityExample('unknown')).toBe('')
  })

  it('offers a language choice only where the templates have one', () => {
    expect(postLanguages('twitter')).toEqual(['en', 'zh_CN'])
    expect(postLanguages('dns')).toEqual([])
  })

  it('names the sites whose helper captures the proof location', () => {
    expect(helperSite('twitter')).toBe('X')
    expect(helperSite('github')).toBe('GitHub')
    expect(helperSite('minds')).toBeUndefined()
  })
})
