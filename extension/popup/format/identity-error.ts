/**
 * Why a typed identity was refused, in the user's language, from the rule the background names
 * and the words the user typed (src/platforms: IdentityError), never from the background's text.
 */
import { type IdentityRule, isPlatform, PLATFORM_SPECS } from '../../../src/platforms/index.js'
import type { MessageKey } from '../../messaging/flow-status-text.js'

const RULE_KEYS: Record<IdentityRule, MessageKey> = {
  empty: 'identityEmpty',
  whitespace: 'identityControlCharacter',
  'control-character': 'identityControlCharacter',
  'drop-at': 'identityDropAt',
  'not-a-handle': 'identityNotAHandle',
  'not-a-login': 'identityNotALogin',
  'not-a-domain': 'identityNotADomain',
  'not-a-dotbit-account': 'identityNotADotbitAccount',
  'not-a-username': 'identityNotAUsername',
  'not-a-fediverse-handle': 'identityNotAFediverseHandle',
  'not-an-address': 'identityNotAnAddress',
  'not-an-avatar': 'identityNotAnAvatar',
  'too-long': 'identityTooLong',
  'is-a-link': 'identityIsALink',
}

/** The sentence for an INVALID_IDENTITY answer's details ({platform, rule, input}). */
export function identityErrorText(
  details: Readonly<Record<string, string>>,
  t: (key: MessageKey, ...substitutions: string[]) => string,
): string {
  const platform = details.platform ?? ''
  const name = isPlatform(platform) ? PLATFORM_SPECS[platform].name : platform
  const key = Object.hasOwn(RULE_KEYS, details.rule ?? '')
    ? RULE_KEYS[details.rule as IdentityRule]
    : 'identityNotAUsername'
  // Every identity message takes the typed words first; those naming the platform take it next.
  const input = details.input ?? ''
  return key === 'identityEmpty' ? t(key, name) : t(key, input, name)
}
