import { describe, expect, it } from 'vitest'
import { publicPostOf } from './public-post.js'

describe('publicPostOf', () => {
  it('names the post each platform proves with', () => {
    expect(publicPostOf('twitter')).toBe('tweet')
    expect(publicPostOf('github')).toBe('gist')
    expect(publicPostOf('dns')).toBe('dns-record')
    expect(publicPostOf('keybase')).toBe('keybase-file')
  })
  it('has no post for wallets', () => {
    expect(publicPostOf('ethereum')).toBeUndefined()
    expect(publicPostOf('solana')).toBeUndefined()
  })
  it('falls back to a generic post for other platforms', () => {
    expect(publicPostOf('activitypub')).toBe('post')
    expect(publicPostOf('minds')).toBe('post')
  })
})
