/** A letter badge per platform: no remote images, readable in light and dark themes. */
const BADGES: Record<string, { letter: string; color: string }> = {
  twitter: { letter: 'X', color: '#111827' },
  github: { letter: 'G', color: '#24292f' },
  ethereum: { letter: 'Ξ', color: '#627eea' },
  solana: { letter: 'S', color: '#9945ff' },
  keybase: { letter: 'K', color: '#ff6f21' },
  dns: { letter: 'D', color: '#0f766e' },
  discord: { letter: 'D', color: '#5865f2' },
  dotbit: { letter: '.', color: '#0e7dff' },
  steam: { letter: 'S', color: '#1b2838' },
  minds: { letter: 'M', color: '#1b85d6' },
  activitypub: { letter: 'A', color: '#563acc' },
  nextid: { letter: 'N', color: '#6d28d9' },
}

// Product names, not translated.
const NAMES: Record<string, string> = {
  twitter: 'X (Twitter)',
  github: 'GitHub',
  ethereum: 'Ethereum',
  solana: 'Solana',
  keybase: 'Keybase',
  dns: 'DNS',
  discord: 'Discord',
  dotbit: '.bit',
  steam: 'Steam',
  minds: 'Minds',
  activitypub: 'ActivityPub',
  nextid: 'Next.ID',
}

/** The platform's product name for display; unknown platforms show their protocol name. */
export function platformName(platform: string): string {
  return NAMES[platform] ?? platform
}

export function PlatformBadge({ platform }: { platform: string }) {
  const badge = BADGES[platform] ?? { letter: platform.charAt(0).toUpperCase() || '?', color: '#6b7280' }
  return (
    <span className="badge" style={{ background: badge.color }} aria-hidden="true">
      {badge.letter}
    </span>
  )
}
