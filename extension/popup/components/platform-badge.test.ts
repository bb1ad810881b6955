import { describe, expect, it } from 'vitest'
import { PLATFORM_SPECS, PLATFORMS } from '../../../src/platforms/index.js'
import { PlatformBadge, platformName } from './platform-badge.js'

const badgeOf = (platform: string) => {
  const { props } = PlatformBadge({ platform })
  return { letter: props.children, color: props.style.background }
}

describe('platform badge', () => {
  it('shows every platform with the registry’s name and badge', () => {
    for (const platform of PLATFORMS) {
      expect(platformName(platform)).toBe(PLATFORM_SPECS[platform].name)
      expect(badgeOf(platform)).toEqual(PLATFORM_SPECS[platform].badge)
    }
    expect(platformName('twitter')).toBe('X (Twitter)')
    expect(badgeOf('github')).toEqual({ letter: 'G', color: '#24292f' })
  })

  it('falls back to the protocol name and its first letter on grey for unknown platforms', () => {
    expect(platformName('farcaster')).toBe('farcaster')
    expect(badgeOf('farcaster')).toEqual({ letter: 'F', color: '#6b7280' })
    expect(badgeOf('')).toEqual({ letter: '?', color: '#6b7280' })
  })
})
