import { useState } from 'react'
import type { RevokeBindingFlow } from '../../messaging/catalogue.js'
import { callBackground, errorCode } from '../background.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { type PageWallet, type PageWallets, WalletList } from './wallet-list.js'

type Props = {
  requestId: string
  chain: PageWallet['chain']
  disabled: boolean
  /** The revoke flow after its first submission (done, or going on in the background). */
  onRevoked: (flow: RevokeBindingFlow) => void
}

/**
 * Revoke an ethereum or solana binding with the wallet's own signature over the prepared delete
 * payload (§6.4 delete (a), §6.5): the page's wallets of that chain; the only one is used at once,
 * several are listed.
 */
export function WalletRevoke({ requestId, chain, disabled, onRevoked }: Props) {
  const [found, setFound] = useState<PageWallets>()
  const action = useAction()

  const signWith = async (walletId: string) => {
    onRevoked(await callBackground('confirmRevokeWithWallet', { requestId, walletId }))
  }
  const start = () =>
    action.run(async () => {
      const page = await callBackground('findWallets').catch((error: unknown) => {
        throw errorCode(error) === 'NO_WALLET_PAGE' ? new Error(t('walletNoPage')) : error
      })
      // Only a wallet of the binding's own chain can sign for it.
      const wallets = page.wallets.filter((wallet) => wallet.chain === chain)
      const [only, ...others] = wallets
      if (!only) throw new Error(t('walletNone', page.origin))
      if (others.length === 0) await signWith(only.id)
      else setFound({ ...page, wallets })
    })

  return (
    <div className="stack" data-testid="wallet-revoke">
      {found ? (
        <WalletList
          found={found}
          actionLabel={t('revokeWithWalletPick')}
          busy={action.busy}
          onPick={(wallet) => action.run(() => signWith(wallet.id))}
        />
      ) : (
        <button type="button" className="danger" disabled={disabled || action.busy} onClick={start}>
          {action.busy ? t('working') : t('revokeWithWallet')}
        </button>
      )}
      <ErrorText message={action.error} />
    </div>
  )
}
