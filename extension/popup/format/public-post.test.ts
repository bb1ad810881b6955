import { describe, expect, it } from 'vitest'
import { PLATFORM_SPECS, POST_PLATFORMS, WALLET_PLATFORMS } from '../../../src/platforms/index.js'
import { publicPostOf } from './public-post.js'

describe('publicPostOf', () => {
  it('names the post each platform proves with', () => {
    expect(publicPostOf('twitter')).toBe('tweet')
    expect(publicPostOf('github')).toBe('gist')
    expect(publicPostOf('dns')).toBe('dns-record')
    expect(publicPostOf('keybase')).toBe('keybase-file')
    expect(publicPostOf('discord')).toBe('message')
    expect(publicPostOf('steam')).toBe('steam-profile')
  })
  it('has a post for every post platform of the registry', () => {
    for (const platform of POST_PLATFORMS) expect(publicPostOf(platform), platform).toBeTypeOf('string')
  })
  it('has no post for wallets and avatars, which publish nothing', () => {
    expect(publicPostOf('ethereum')).toBeUndefined()
    expect(publicPostOf('solana')).toBeUndefined()
    for (const platform of WALLET_PLATFORMS) expect(publicPostOf(platform), platform).toBeUndefined()
    expect(PLATFORM_SPECS.nextid.post).toBeNull()
    expect(publicPostOf('nextid')).toBeUndefined()
  })
  it('falls back to a generic post for other media and unknown platforms', () => {
    expect(publicPostOf('activitypub')).toBe('post')
    expect(publicPostOf('minds')).toBe('post')
    expect(publicPostOf('dotbit')).toBe('post')
    expect(publicPostOf('some-new-platform')).toBe('post')
  })
})
