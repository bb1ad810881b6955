import type { PopupApi } from '../../messaging/catalogue.js'
import { t } from '../i18n.js'
import { platformName } from './platform-badge.js'

export type PageWallets = PopupApi['findWallets']['result']
export type PageWallet = PageWallets['wallets'][number]

type Props = {
  found: PageWallets
  /** The label of each wallet's button ("Connect", "Sign with this wallet"). */
  actionLabel: string
  busy: boolean
  onPick: (wallet: PageWallet) => void
}

/** The wallets a page announced, each with its own button; the origin is the browser's, the rest the page's word. */
export function WalletList({ found, actionLabel, busy, onPick }: Props) {
  return (
    <div className="stack" data-testid="wallet-list">
      <p className="hint">{t('walletsIn', found.origin)}</p>
      <ul className="binding-list">
        {found.wallets.map((wallet) => (
          <li key={wallet.id} className="binding" data-testid="page-wallet">
            <WalletIcon icon={wallet.icon} name={wallet.name} />
            <span className="binding-text">
              <span className="platform">{wallet.name}</span>
              <span className="identity">
                {platformName(wallet.chain)}
                {wallet.rdns && ` · ${wallet.rdns}`}
              </span>
            </span>
            <button type="button" className="primary small" disabled={busy} onClick={() => onPick(wallet)}>
              {actionLabel}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * A wallet's EIP-6963 icon: always an <img> (an SVG drawn this way runs no script, PLATFORMS.md
 * §4.1), and only a data: URI (the background dropped anything else).
 */
export function WalletIcon({ icon, name }: { icon: string; name: string }) {
  if (!icon.startsWith('data:image/')) return <span className="badge">{name.slice(0, 1).toUpperCase()}</span>
  return <img src={icon} alt={name} width={32} height={32} />
}
