/**
 * A KV namespace (platform + identity, §9.1) in plain words: "This avatar's own data" for Next.ID
 * under the avatar's own id (where connected sites write, each under its origin), "Your X account
 * @alice" for a bound account. The raw identity stays visible beside it for the exact record.
 */
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'
import { platformName } from './platform-badge.js'

type Namespace = { platform: string; identity: string }

/** The namespace said in words, for the avatar `avatarId`. */
export function namespaceName({ platform, identity }: Namespace, avatarId: string): string {
  if (platform === 'nextid') {
    return identity.toLowerCase() === avatarId.toLowerCase()
      ? t('kvNamespaceAvatar')
      : t('kvNamespaceOtherAvatar', shortenId(identity))
  }
  return t('kvNamespaceAccount', platformName(platform), accountShown(platform, identity))
}

/** How the account is usually written: @handle on X, a short address for wallets. */
export function accountShown(platform: string, identity: string): string {
  if (platform === 'twitter') return `@${identity}`
  if (platform === 'ethereum' || platform === 'solana') return shortenId(identity)
  return identity
}
