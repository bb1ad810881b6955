/** Steam: the proof in a public profile's summary, found by the profile (§6.1, §6.2). */
import { POST_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'

// A custom URL name (2–32 letters, digits, `_`, `-`) or a SteamID64.
const PROFILE = /^(?:[A-Za-z0-9_-]{2,32}|7656119[0-9]{10})$/

export const steam = {
  id: 'steam',
  kind: 'post',
  name: 'Steam',
  bindingLabel: 'Steam account',
  registered: true,
  badge: { letter: 'S', color: '#1b2838' },
  identity: {
    // Kept as typed: the server resolves the custom URL name to a SteamID64 (§5.3).
    normalize: (text) => text,
    check(text) {
      if (text.includes('/')) return 'is-a-link'
      return PROFILE.test(text) ? undefined : 'not-a-username'
    },
    example: 'gabelogannewell',
    examples: {
      valid: [
        ['GabeN', 'GabeN'],
        ['76561197960287930', '76561197960287930'],
      ],
      invalid: [
        ['https://steamcommunity.com/id/gabe', 'is-a-link'],
        ['gabe newell', 'not-a-username'],
      ],
    },
  },
  post: {
    medium: 'profile-summary',
    template: ({ uuid, createdAt, prev }) => ({
      default: `NextID proof: %SIG_BASE64%:${createdAt}:${uuid}:${prev ?? 'null'}`,
    }),
    languages: [],
    proofLocation: null,
    publishUrl: () => '',
    helperOrigins: [],
    patienceMs: POST_PATIENCE_MS,
  },
  revoke: 'new-proof',
} as const satisfies PlatformSpec<'steam'>
