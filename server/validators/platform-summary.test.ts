import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { createValidators } from './index.js'
import { summarizePlatforms } from './platform-summary.js'

describe('summarizePlatforms', () => {
  it('names what needs a token by default, and nothing once the tokens are given', () => {
    const bare = summarizePlatforms(createValidators(loadConfig({})))
    expect(bare.needsSetting).toEqual([
      { platform: 'twitter', setting: 'TWITTER_BEARER_TOKEN' },
      { platform: 'discord', setting: 'DISCORD_BOT_TOKEN' },
    ])
    expect(bare.verifiable).not.toContain('twitter')
    expect(bare.verifiable).toContain('github')
    const tokens = { TWITTER_BEARER_TOKEN: 't', DISCORD_BOT_TOKEN: 'd' }
    const full = summarizePlatforms(createValidators(loadConfig(tokens)))
    expect(full.needsSetting).toEqual([])
    expect(full.verifiable).toContain('twitter')
    expect(full.verifiable).toContain('discord')
  })
})
