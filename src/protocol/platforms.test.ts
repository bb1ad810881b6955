import { describe, expect, it } from 'vitest'
import { TEST_ADDRESS, TEST_AVATAR, TEST_AVATAR_UNCOMPRESSED } from '../../test/support/src/protocol/test-keys.js'
import { InvalidInputError } from '../errors.js'
import { isRegisteredPlatform, normalizeIdentity, PLATFORMS, parsePlatform, REGISTERED_PLATFORMS } from './platforms.js'

const SOLANA_ADDRESS = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T'

describe('platforms', () => {
  it('lists the 11 registered platforms plus nextid', () => {
    expect([...REGISTERED_PLATFORMS].sort()).toEqual([
      'activitypub',
      'discord',
      'dns',
      'dotbit',
      'ethereum',
      'github',
      'keybase',
      'minds',
      'solana',
      'steam',
      'twitter',
    ])
    expect(PLATFORMS).toContain('nextid')
    expect(isRegisteredPlatform('nextid')).toBe(false)
    expect(isRegisteredPlatform('github')).toBe(true)
    expect(parsePlatform('dns')).toBe('dns')
  })

  it('refuses unknown platforms on the field "platform"', () => {
    expect(() => parsePlatform('tiktok')).toThrow(
      new InvalidInputError(
        'platform',
        'expected one of twitter, ethereum, keybase, github, discord, dotbit, solana, minds, dns, steam, activitypub, nextid, got "tiktok"',
      ),
    )
    expect(() => normalizeIdentity('Twitter', 'alice')).toThrow(/^"platform" expected one of /)
    expect(() => normalizeIdentity(undefined, 'alice')).toThrow('"platform" expected string, got undefined')
  })
})

describe('normalizeIdentity', () => {
  it('lowercases the platforms ProofService stores lowercased (§5.3)', () => {
    expect(normalizeIdentity('twitter', 'Alice_Bob')).toBe('alice_bob')
    expect(normalizeIdentity('github', 'OctoCat')).toBe('octocat')
    expect(normalizeIdentity('keybase', 'Max')).toBe('max')
    expect(normalizeIdentity('dotbit', 'Alice.BIT')).toBe('alice.bit')
    expect(normalizeIdentity('dns', 'Example.COM')).toBe('example.com')
    expect(normalizeIdentity('minds', 'Ottman')).toBe('ottman')
  })

  it('lowercases one code point at a time, as Go strings.ToLower does', () => {
    expect('İ'.toLowerCase()).toBe('i\u0307')
    expect(normalizeIdentity('twitter', 'İSTANBUL')).toBe('istanbul')
    expect(normalizeIdentity('github', 'ΟΔΟΣ')).toBe('οδοσ')
    expect(normalizeIdentity('twitter', 'Bob<script>&你好🎭')).toBe('bob<script>&你好🎭')
  })

  it('checks and lowercases Ethereum addresses', () => {
    expect(normalizeIdentity('ethereum', '0x115D0E8886E48B7EED48ECC40DFE8D327C4604C3')).toBe(TEST_ADDRESS)
    expect(() => normalizeIdentity('ethereum', '0x115d0e8886e48b7eed48ecc40dfe8d327c4604')).toThrow(
      '"identity" expected 0x and 40 hex digits',
    )
  })

  it('keeps Solana, Discord and Steam identities as given, checking Solana addresses', () => {
    expect(normalizeIdentity('solana', SOLANA_ADDRESS)).toBe(SOLANA_ADDRESS)
    expect(() => normalizeIdentity('solana', '0OIl')).toThrow('"identity" expected base58 (Bitcoin alphabet)')
    expect(() => normalizeIdentity('solana', '3yZe7d')).toThrow('"identity" expected 32 bytes, got 4')
    expect(normalizeIdentity('discord', 'Alice#0001')).toBe('Alice#0001')
    expect(normalizeIdentity('steam', 'GabeN')).toBe('GabeN')
  })

  it('strips one leading @ from ActivityPub handles and keeps their case', () => {
    expect(normalizeIdentity('activitypub', '@Alice@Mastodon.social')).toBe('Alice@Mastodon.social')
    expect(normalizeIdentity('activitypub', 'alice@example.org')).toBe('alice@example.org')
    for (const bad of [
      '@@alice@example.org',
      'alice',
      'alice@',
      '@example.org',
      'a@b@c',
      'al ice@example.org',
      'a@b/c',
    ]) {
      expect(() => normalizeIdentity('activitypub', bad), bad).toThrow('"identity" expected user@server')
    }
  })

  it('writes nextid identities as 0x + compressed key', () => {
    expect(normalizeIdentity('nextid', TEST_AVATAR_UNCOMPRESSED)).toBe(TEST_AVATAR)
    expect(normalizeIdentity('nextid', TEST_AVATAR.toUpperCase().replace('0X', '0x'))).toBe(TEST_AVATAR)
    expect(() => normalizeIdentity('nextid', '0x1234')).toThrow('"identity" expected 33 or 65 bytes, got 2')
  })

  it('refuses a Twitter handle written with @', () => {
    expect(() => normalizeIdentity('twitter', '@alice')).toThrow(
      new InvalidInputError('identity', 'must not start with "@": drop the @ (alice, not @alice)'),
    )
  })

  it('refuses empty, padded, control-character and non-string identities on every platform', () => {
    for (const platform of PLATFORMS) {
      expect(() => normalizeIdentity(platform, '')).toThrow('"identity" expected a non-empty string')
      expect(() => normalizeIdentity(platform, ' alice')).toThrow('"identity" must not start or end with whitespace')
      expect(() => normalizeIdentity(platform, 'alice\n')).toThrow('"identity" must not start or end with whitespace')
      expect(() => normalizeIdentity(platform, 'al\u0000ice')).toThrow('"identity" must not contain control characters')
      expect(() => normalizeIdentity(platform, 'al\u0085ice')).toThrow('"identity" must not contain control characters')
      expect(() => normalizeIdentity(platform, 'a\uD800')).toThrow(
        '"identity" contains a lone UTF-16 surrogate, which has no UTF-8 form',
      )
      expect(() => normalizeIdentity(platform, 42)).toThrow('"identity" expected string, got number')
    }
  })

  it('names the field it was given', () => {
    expect(() => normalizeIdentity('twitter', '', 'links[3].identity')).toThrow(
      '"links[3].identity" expected a non-empty string',
    )
  })
})
