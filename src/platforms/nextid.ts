/** Next.ID: a link from one avatar to another, and the platform of an avatar's own KV namespace (§6.6). */
import { avatarId } from '../crypto/keys.js'
import type { PlatformSpec } from './platform-spec.js'

export const nextid = {
  id: 'nextid',
  kind: 'avatar',
  name: 'Next.ID',
  bindingLabel: 'Next.ID avatar',
  // The validator exists in the reference but is not registered (§4.3).
  registered: false,
  badge: { letter: 'N', color: '#6d28d9' },
  identity: {
    normalize: (text, field) => avatarId(text, field),
    check: () => undefined,
    example: '0x02d7c5e01bedf1c993f40ec302d9bf162620daea93a7155cd9a8019ae3a2c2a476',
    examples: { valid: [], invalid: [] },
  },
  post: null,
  revoke: 'avatar-signature',
} as const satisfies PlatformSpec<'nextid'>
