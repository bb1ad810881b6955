import type { ChainLinkView } from '../../messaging/catalogue.js'
import { proofPayloadWords } from '../format/payload-words.js'
import { type MessageKey, t, uiLanguage } from '../i18n.js'
import { PlatformBadge, platformName } from './platform-badge.js'

// src/verify's statuses; anything else reads as unreadable rather than as verified.
const STATUS_LABELS: Record<string, MessageKey> = {
  verified: 'linkVerified',
  'signature-mismatch': 'linkSignatureMismatch',
  'broken-link': 'linkBroken',
  'payload-mismatch': 'linkPayloadMismatch',
  malformed: 'linkUnreadable',
}
const ACTION_LABELS: Record<string, MessageKey> = { create: 'actionCreate', delete: 'actionDelete' }

/** One link of the timeline: what it did, on which identity, when, and whether it verified here. */
export function ChainLink({ link }: { link: ChainLinkView }) {
  const verified = link.status === 'verified'
  const date = new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(link.createdAt * 1000),
  )
  const action = ACTION_LABELS[link.action]
  return (
    <li className="chain-link" data-testid="chain-link" data-status={link.status}>
      <span className="chain-dot" data-ok={verified} aria-hidden="true" />
      <div className="chain-body">
        <div className="chain-head">
          <PlatformBadge platform={link.platform} />
          <div className="binding-text">
            <span className="platform">
              {action ? t(action) : link.action} · {platformName(link.platform)}
            </span>
            <span className="identity" title={link.identity}>
              {link.identity}
            </span>
          </div>
        </div>
        <time className="note" dateTime={new Date(link.createdAt * 1000).toISOString()}>
          {date}
        </time>
        <span className={`chip ${verified ? 'valid' : 'invalid'}`}>
          {t(STATUS_LABELS[link.status] ?? 'linkUnreadable')}
          {verified && link.signer && ` · ${t(link.signer === 'wallet' ? 'signedByWallet' : 'signedByAvatar')}`}
        </span>
        {!verified && link.reason && <span className="note">{link.reason}</span>}
        <p className="chain-description">{link.payload ? proofPayloadWords(link.payload) : t('payloadUnreadable')}</p>
      </div>
    </li>
  )
}
