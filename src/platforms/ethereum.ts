/** Ethereum: the wallet signs the same payload as the avatar (§6.4). */
import { parseAddress } from '../crypto/address.js'
import type { PlatformSpec } from './platform-spec.js'

export const ethereum = {
  id: 'ethereum',
  kind: 'wallet',
  name: 'Ethereum',
  bindingLabel: 'Ethereum wallet',
  registered: true,
  badge: { letter: 'Ξ', color: '#627eea' },
  identity: {
    // Lowercase; a mixed-case address must carry a correct EIP-55 checksum.
    normalize: (text, field) => parseAddress(text, field),
    check: () => undefined,
    example: '0x115d0e8886e48b7eed48ecc40dfe8d327c4604c3',
    examples: {
      valid: [['0x115D0E8886E48B7EED48ECC40DFE8D327C4604C3', '0x115d0e8886e48b7eed48ecc40dfe8d327c4604c3']],
      invalid: [],
    },
  },
  post: null,
  revoke: 'wallet-or-avatar',
} as const satisfies PlatformSpec<'ethereum'>
