/**
 * What signing a proof payload does, in the user's language, from the facts the background read
 * out of the payload itself (never from words another context wrote).
 */
import { WALLET_PLATFORMS } from '../../../src/platforms/index.js'
import type { ProofPayloadFacts } from '../../messaging/catalogue.js'
import { accountShown } from '../components/namespace-name.js'
import { platformName } from '../components/platform-badge.js'
import { t } from '../i18n.js'
import { shortenId } from './short-id.js'

export function proofPayloadWords({ action, platform, identity, avatar }: ProofPayloadFacts): string {
  // "Ethereum wallet 0x7e5f45…5bdf"; "X (Twitter) @alice", "DNS example.com": the name, then the account as written.
  const shown = accountShown(platform, identity)
  const account = (WALLET_PLATFORMS as readonly string[]).includes(platform)
    ? t('payloadWallet', platformName(platform), shown)
    : `${platformName(platform)} ${shown}`
  const owner = avatar === null ? t('payloadYourAvatar') : t('payloadAvatar', shortenId(avatar))
  return t(action === 'create' ? 'payloadBind' : 'payloadRevoke', account, owner)
}
