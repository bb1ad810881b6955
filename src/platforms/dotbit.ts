/** .bit: a `nextid` custom record of the account, found by the account (§6.1, §6.2). */
import { looksLikeLink, toLowerLikeGo } from './identity-text.js'
import { DOTBIT_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'

// Any characters but dots, spaces and slashes, then `.bit` (.bit accounts may use emoji and CJK).
const ACCOUNT = /^[^\s./]+(?:\.[^\s./]+)*\.bit$/iu

export const dotbit = {
  id: 'dotbit',
  kind: 'post',
  name: '.bit',
  bindingLabel: '.bit account',
  registered: true,
  badge: { letter: '.', color: '#0e7dff' },
  identity: {
    normalize: (text) => toLowerLikeGo(text),
    check(text) {
      if (looksLikeLink(text)) return 'is-a-link'
      return ACCOUNT.test(text) ? undefined : 'not-a-dotbit-account'
    },
    example: 'alice.bit',
    examples: {
      valid: [
        ['Alice.BIT', 'alice.bit'],
        ['🎭.bit', '🎭.bit'],
      ],
      invalid: [
        ['alice', 'not-a-dotbit-account'],
        ['.bit', 'not-a-dotbit-account'],
      ],
    },
  },
  post: {
    medium: 'custom-record',
    template: () => ({ default: '%COMPRESSED_PERSONA_PUBKEY_HEX%:%SIG_BASE64%' }),
    languages: [],
    proofLocation: null,
    publishUrl: () => '',
    helperOrigins: [],
    patienceMs: DOTBIT_PATIENCE_MS,
  },
  revoke: 'new-proof',
} as const satisfies PlatformSpec<'dotbit'>
