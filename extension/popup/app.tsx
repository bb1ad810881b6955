import { Suspense, useCallback, useEffect, useState } from 'react'
import type { WalletState } from '../messaging/catalogue.js'
import { callBackground, describeError, onLockedAnswer } from './background.js'
import { ErrorText } from './components/error-text.js'
import { Screen } from './components/screen.js'
import { t } from './i18n.js'
import {
  AddBinding,
  AddFromBackup,
  BindingFlowScreen,
  BindWallet,
  ConnectedSites,
  CreateAvatar,
  ForgotPassword,
  ImportKey,
  ImportMask,
  ImportPhrase,
  KvEditor,
  ManageAvatar,
  ProofChain,
  RestoreBackup,
  Settings,
} from './lazy-screens.js'
import { isFileScreen, type Route, routeFromHash } from './routes.js'
import { Home } from './screens/home.js'
import { Unlock } from './screens/unlock.js'
import { Welcome } from './screens/welcome.js'
import { isToolbarPopup, openInTab } from './toolbar-popup.js'

type Load = { state: 'loading' } | { state: 'ready'; wallet: WalletState } | { state: 'error'; message: string }

/** The router: the wallet's status picks the base screen (empty → onboarding, locked → unlock, unlocked → home). */
export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  // A tab opened for a file screen starts at it (`#restore-backup`…); the toolbar popup at home.
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash))
  const navigate = useCallback((next: Route) => {
    if (isFileScreen(next) && isToolbarPopup()) void openInTab(next.name)
    else setRoute(next)
  }, [])

  const refresh = useCallback(() => {
    callBackground('getState').then(
      (wallet) => setLoad({ state: 'ready', wallet }),
      (error: unknown) => setLoad({ state: 'error', message: describeError(error) }),
    )
  }, [])
  useEffect(refresh, [refresh])
  useEffect(() => onLockedAnswer(refresh), [refresh])

  // A new state from any screen returns to the base screen of that state.
  const onState = useCallback((wallet: WalletState) => {
    setLoad({ state: 'ready', wallet })
    setRoute({ name: 'main' })
  }, [])

  const lockAt = load.state === 'ready' && load.wallet.status === 'unlocked' ? load.wallet.lockAt : undefined
  useEffect(() => {
    if (lockAt === undefined) return
    // The background locks at the deadline on its own; the popup only re-reads the state then.
    const timer = setTimeout(refresh, Math.max(0, lockAt - Date.now()) + 250)
    return () => clearTimeout(timer)
  }, [lockAt, refresh])

  if (load.state === 'loading') return <p className="muted centered">{t('working')}</p>
  if (load.state === 'error') {
    return (
      <Screen title={t('popupTitle')}>
        <ErrorText message={`${t('backgroundUnreachable')}: ${load.message}`} />
        <button type="button" onClick={refresh}>
          {t('retry')}
        </button>
      </Screen>
    )
  }
  const onUpdate = (wallet: WalletState) => setLoad({ state: 'ready', wallet })
  return (
    <Suspense fallback={<p className="muted centered">{t('working')}</p>}>
      <Routed wallet={load.wallet} route={route} navigate={navigate} onState={onState} onUpdate={onUpdate} />
    </Suspense>
  )
}

type RoutedProps = {
  wallet: WalletState
  route: Route
  navigate: (route: Route) => void
  onState: (wallet: WalletState) => void
  onUpdate: (wallet: WalletState) => void
}

function Routed({ wallet, route, navigate, onState, onUpdate }: RoutedProps) {
  if (wallet.status === 'locked') {
    const forgot = () => navigate({ name: 'forgot-password' })
    if (route.name === 'forgot-backup') return <RestoreBackup replaceExisting onBack={forgot} onDone={onState} />
    if (route.name === 'forgot-password') {
      return (
        <ForgotPassword
          avatars={wallet.avatars}
          onBack={() => navigate({ name: 'main' })}
          onBackup={() => navigate({ name: 'forgot-backup' })}
          onDone={onState}
        />
      )
    }
    return <Unlock avatarCount={wallet.avatars.length} onDone={onState} onForgot={forgot} />
  }
  const needsPassword = wallet.status === 'empty'
  const back = () => navigate({ name: needsPassword ? 'main' : 'add-avatar' })
  const flow = { needsPassword, onBack: back, onDone: onState }
  switch (route.name) {
    case 'create':
      return <CreateAvatar {...flow} />
    case 'import-phrase':
      return <ImportPhrase {...flow} />
    case 'import-key':
      return <ImportKey {...flow} />
    case 'import-mask':
      return <ImportMask {...flow} />
  }
  const home = () => navigate({ name: 'main' })
  if (wallet.status === 'empty') {
    if (route.name === 'restore-backup') return <RestoreBackup onBack={home} onDone={onState} />
    return <Welcome navigate={navigate} adding={false} />
  }
  const current = wallet.avatars.find((avatar) => avatar.id === wallet.currentAvatarId)
  switch (route.name) {
    case 'add-avatar':
      return <Welcome navigate={navigate} adding={true} />
    case 'add-from-backup':
      return <AddFromBackup onBack={() => navigate({ name: 'add-avatar' })} onDone={onState} />
    case 'settings':
      return <Settings onBack={home} onConnectedSites={() => navigate({ name: 'connected-sites' })} />
    case 'connected-sites':
      return <ConnectedSites avatars={wallet.avatars} onBack={() => navigate({ name: 'settings' })} />
    case 'proof-chain':
      return <ProofChain avatarId={wallet.currentAvatarId} onBack={home} />
    case 'kv-editor':
      return <KvEditor avatarId={wallet.currentAvatarId} onBack={home} />
    case 'add-binding':
      return <AddBinding navigate={navigate} />
    case 'binding-flow':
      // keyed: "Start again" opens another flow on the same screen, with fresh state
      return <BindingFlowScreen key={route.flowId} flowId={route.flowId} navigate={navigate} />
    case 'bind-wallet':
      return <BindWallet navigate={navigate} />
    case 'manage-avatar':
      if (current) {
        return <ManageAvatar avatar={current} onBack={home} onUpdate={onUpdate} onState={onState} />
      }
  }
  return <Home wallet={wallet} navigate={navigate} onState={onState} />
}
