/** Solana: the wallet signs the same payload as the avatar (§6.5). */
import { decodeBase58 } from '../crypto/base58.js'
import type { PlatformSpec } from './platform-spec.js'

export const solana = {
  id: 'solana',
  kind: 'wallet',
  name: 'Solana',
  bindingLabel: 'Solana wallet',
  registered: true,
  badge: { letter: 'S', color: '#9945ff' },
  identity: {
    // Base58 of a 32-byte key, kept as written (§5.3).
    normalize(text, field) {
      decodeBase58(text, field, 32)
      return text
    },
    check: () => undefined,
    example: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T',
    examples: {
      valid: [['4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T', '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T']],
      invalid: [],
    },
  },
  post: null,
  revoke: 'wallet-or-avatar',
} as const satisfies PlatformSpec<'solana'>
