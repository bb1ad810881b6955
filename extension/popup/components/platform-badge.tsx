/** A letter badge per platform: no remote images, readable in light and dark themes. */
import { isPlatform, PLATFORM_SPECS } from '../../../src/platforms/index.js'

/** The platform's product name for display (the registry's `name`); unknown platforms show their protocol name. */
export function platformName(platform: string): string {
  return isPlatform(platform) ? PLATFORM_SPECS[platform].name : platform
}

/** The registry's badge; an unknown platform gets its first letter on grey. */
function badgeOf(platform: string): { letter: string; color: string } {
  if (isPlatform(platform)) return PLATFORM_SPECS[platform].badge
  return { letter: platform.charAt(0).toUpperCase() || '?', color: '#6b7280' }
}

export function PlatformBadge({ platform }: { platform: string }) {
  const badge = badgeOf(platform)
  return (
    <span className="badge" style={{ background: badge.color }} aria-hidden="true">
      {badge.letter}
    </span>
  )
}
