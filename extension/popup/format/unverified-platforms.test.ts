import { describe, expect, it } from 'vitest'
import { POST_PLATFORMS, WALLET_PLATFORMS } from '../../../src/platforms/index.js'
import { unverifiedPlatforms } from './unverified-platforms.js'

describe('unverifiedPlatforms', () => {
  it('lists every bindable platform the service leaves out, and none when it lists them all', () => {
    const all = [...POST_PLATFORMS, ...WALLET_PLATFORMS].map((platform) => ({ platform }))
    expect(unverifiedPlatforms(all)).toEqual([])
    const withoutTokens = all.filter(({ platform }) => platform !== 'twitter' && platform !== 'discord')
    expect(unverifiedPlatforms(withoutTokens)).toEqual(['twitter', 'discord'])
  })
})
