import { useCallback, useEffect, useState } from 'react'
import type { BindingFlow, WalletBindingFlow } from '../../messaging/catalogue.js'
import { callBackground, describeError, errorCode } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { Screen } from '../components/screen.js'
import { SiteAccessNotice } from '../components/site-access.js'
import { useFlows } from '../components/use-flows.js'
import { WalletFlowCard } from '../components/wallet-flow-card.js'
import { type PageWallets, WalletList } from '../components/wallet-list.js'
import { t } from '../i18n.js'
import type { Navigate } from '../routes.js'
import { useAction } from '../use-action.js'

type Search = { state: 'looking' } | { state: 'found'; found: PageWallets } | { state: 'error'; message: string }

/** Every web page, as the relay's and the dApp provider's content scripts match them (manifest.json). */
const WEB_PAGES = ['http://*/*', 'https://*/*']

const isWalletFlow = (flow: BindingFlow): flow is WalletBindingFlow => flow.kind === 'wallet'

/**
 * "Bind a wallet": the wallets of the page the user is looking at → connect → confirm the address →
 * the wallet signs. The background drives the flow (this popup closes when the wallet's window opens),
 * so an existing wallet flow is shown as the background reports it, re-read every second.
 */
export function BindWallet({ navigate }: { navigate: Navigate }) {
  const { load, reload } = useFlows(1000)
  const [avatarNames, setAvatarNames] = useState<Record<string, string>>({})
  const action = useAction()
  const home = () => navigate({ name: 'main' })

  useEffect(() => {
    callBackground('getState').then(
      (state) => {
        if (state.status !== 'empty') setAvatarNames(Object.fromEntries(state.avatars.map((a) => [a.id, a.name])))
      },
      () => undefined,
    )
  }, [])

  // The newest wallet flow not cleared yet (getFlows is newest first).
  const flow = load.state === 'ready' ? load.flows.find(isWalletFlow) : undefined
  const run = (method: 'confirmWalletBinding' | 'retryWalletBinding' | 'clearFlow') => () =>
    action.run(async () => {
      if (!flow) return
      await callBackground(method, { flowId: flow.id })
      reload()
    })

  return (
    <Screen title={t('bindWalletTitle')} onBack={home}>
      {load.state === 'loading' && <p className="muted">{t('working')}</p>}
      {load.state === 'error' && <ErrorText message={load.message} />}
      {load.state === 'ready' && flow && (
        <WalletFlowCard
          flow={flow}
          avatarName={avatarNames[flow.avatarId] ?? flow.avatarId}
          busy={action.busy}
          error={action.error}
          onConfirm={run('confirmWalletBinding')}
          onRetry={run('retryWalletBinding')}
          onClear={run('clearFlow')}
        />
      )}
      {load.state === 'ready' && !flow && (
        <>
          {/* The wallet lives in a web page: the relay there needs the extension's site access. */}
          <SiteAccessNotice patterns={WEB_PAGES} />
          <PickWallet onConnected={reload} />
        </>
      )}
    </Screen>
  )
}

/** The wallets in the current page, or how to get there. */
function PickWallet({ onConnected }: { onConnected: () => void }) {
  const [search, setSearch] = useState<Search>({ state: 'looking' })
  const action = useAction()

  const look = useCallback(() => {
    setSearch({ state: 'looking' })
    callBackground('findWallets').then(
      (found) => setSearch({ state: 'found', found }),
      (error: unknown) =>
        setSearch({
          state: 'error',
          message: errorCode(error) === 'NO_WALLET_PAGE' ? t('walletNoPage') : describeError(error),
        }),
    )
  }, [])
  useEffect(look, [look])

  const connect = (walletId: string) =>
    action.run(async () => {
      await callBackground('connectWallet', { walletId })
      onConnected()
    })

  return (
    <div className="stack">
      <p className="hint">{t('bindWalletIntro')}</p>
      {search.state === 'looking' && <p className="muted">{t('walletLooking')}</p>}
      {search.state === 'error' && <ErrorText message={search.message} />}
      {search.state === 'found' && search.found.wallets.length === 0 && (
        <p className="empty" data-testid="no-wallets">
          {t('walletNone', search.found.origin)}
        </p>
      )}
      {search.state === 'found' && search.found.wallets.length > 0 && (
        <>
          {/* Connecting is a request to the page's own wallet, so the page learns what it answers. */}
          <p className="warning" data-testid="wallet-page-sees">
            {t('walletPageSees', search.found.origin)}
          </p>
          <WalletList
            found={search.found}
            actionLabel={action.busy ? t('walletConnecting') : t('walletConnect')}
            busy={action.busy}
            onPick={(wallet) => connect(wallet.id)}
          />
        </>
      )}
      <ErrorText message={action.error} />
      {search.state !== 'looking' && (
        <button type="button" onClick={look} disabled={action.busy}>
          {t('walletLookAgain')}
        </button>
      )}
    </div>
  )
}
