import { describe, expect, it } from 'vitest'
import { needsProofLocation, parsePostPlatform, parseProofLocation } from './proof-location.js'

describe('parseProofLocation', () => {
  it('takes a tweet id or the id out of an x.com / twitter.com status link', () => {
    expect(parseProofLocation('twitter', '1790000000000000001')).toBe('1790000000000000001')
    expect(parseProofLocation('twitter', ' https://x.com/alice/status/1790000000000000001 ')).toBe(
      '1790000000000000001',
    )
    expect(parseProofLocation('twitter', 'https://twitter.com/alice/status/42/')).toBe('42')
  })

  it('rejects what is not a tweet', () => {
    for (const bad of [
      '',
      'abc',
      'https://x.com/alice',
      'https://evil.example/alice/status/42',
      'http://x.com/a/status/4',
    ]) {
      expect(() => parseProofLocation('twitter', bad)).toThrow('"proofLocation" expected a tweet id or link')
    }
  })

  it('takes a gist id (lowercased) or the id out of a gist link', () => {
    expect(parseProofLocation('github', 'ABCdef0123')).toBe('abcdef0123')
    expect(parseProofLocation('github', 'https://gist.github.com/alice/abcdef0123')).toBe('abcdef0123')
    expect(parseProofLocation('github', 'https://gist.github.com/abcdef0123')).toBe('abcdef0123')
    expect(() => parseProofLocation('github', 'https://github.com/alice/abcdef')).toThrow(
      '"proofLocation" expected a gist id or link',
    )
    expect(() => parseProofLocation('github', 'xyz')).toThrow('"proofLocation" expected a gist id or link')
  })

  it('accepts a Discord message link only, normalised to discord.com', () => {
    expect(parseProofLocation('discord', 'https://discordapp.com/channels/1/2/3')).toBe(
      'https://discord.com/channels/1/2/3',
    )
    expect(parseProofLocation('discord', 'https://discord.com/channels/@me/22/33')).toBe(
      'https://discord.com/channels/@me/22/33',
    )
    for (const bad of [
      '123',
      'https://discord.com/channels/1/2',
      'https://evil.com/channels/1/2/3',
      'https://discord.com/channels/1/2/x',
    ]) {
      expect(() => parseProofLocation('discord', bad)).toThrow(
        '"proofLocation" expected a Discord message link https://discord.com/channels/<server>/<channel>/<message>',
      )
    }
  })

  it('takes a Minds post id or newsfeed link, and an ActivityPub status id or link', () => {
    expect(parseProofLocation('minds', 'https://www.minds.com/newsfeed/1234567890')).toBe('1234567890')
    expect(parseProofLocation('minds', '987')).toBe('987')
    expect(() => parseProofLocation('minds', 'abc')).toThrow('"proofLocation" expected a Minds post id or link')
    expect(parseProofLocation('activitypub', 'https://mastodon.social/@alice/112233')).toBe('112233')
    expect(parseProofLocation('activitypub', '9abc_d-e')).toBe('9abc_d-e')
    expect(() => parseProofLocation('activitypub', 'a b')).toThrow('"proofLocation" expected a status id or link')
  })

  it('needs no location where the service finds the proof by identity', () => {
    for (const platform of ['dns', 'keybase', 'dotbit', 'steam'] as const) {
      expect(needsProofLocation(platform)).toBe(false)
      expect(parseProofLocation(platform, 'anything')).toBe('')
    }
    for (const platform of ['twitter', 'github', 'discord', 'minds', 'activitypub'] as const) {
      expect(needsProofLocation(platform)).toBe(true)
    }
  })

  it('rejects a location that is not a string', () => {
    expect(() => parseProofLocation('twitter', 42)).toThrow('"proofLocation"')
  })
})

describe('parsePostPlatform', () => {
  it('accepts the post-based platforms only', () => {
    expect(parsePostPlatform('dns')).toBe('dns')
    expect(() => parsePostPlatform('ethereum')).toThrow(
      '"platform" expected one of twitter, keybase, github, discord, dotbit, minds, dns, steam, activitypub, got "ethereum"',
    )
    expect(() => parsePostPlatform(7)).toThrow('"platform"')
  })
})
