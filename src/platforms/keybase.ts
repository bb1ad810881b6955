/** Keybase: the proof document as a public KBFS file (§6.1, §6.2). */
import { toLowerLikeGo } from './identity-text.js'
import { POST_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'
import { proofDocumentTemplate } from './proof-document.js'

// Keybase usernames: 2–16 letters, digits and underscores.
const USERNAME = /^[A-Za-z0-9_]{2,16}$/

export const keybase = {
  id: 'keybase',
  kind: 'post',
  name: 'Keybase',
  bindingLabel: 'Keybase account',
  registered: true,
  badge: { letter: 'K', color: '#ff6f21' },
  identity: {
    normalize: (text) => toLowerLikeGo(text),
    check: (text) => (USERNAME.test(text) ? undefined : 'not-a-username'),
    example: 'alice',
    examples: {
      valid: [['Max', 'max']],
      invalid: [
        ['max@keybase', 'not-a-username'],
        ['m', 'not-a-username'],
      ],
    },
  },
  post: {
    medium: 'keybase-file',
    template: (fields) => ({ default: proofDocumentTemplate(fields, 'Keybase', 'keybase_username') }),
    languages: [],
    // Found at `<identity>.keybase.pub/NextID/<avatar>.json`.
    proofLocation: null,
    publishUrl: () => '',
    helperOrigins: [],
    patienceMs: POST_PATIENCE_MS,
  },
  revoke: 'new-proof',
} as const satisfies PlatformSpec<'keybase'>
