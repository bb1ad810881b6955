import type { WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { AvatarSwitcher } from '../components/avatar-switcher.js'
import { BindingsList } from '../components/bindings-list.js'
import { ErrorText } from '../components/error-text.js'
import { FlowList } from '../components/flow-list.js'
import { t } from '../i18n.js'
import type { Navigate } from '../routes.js'
import { useAction } from '../use-action.js'

type Unlocked = Extract<WalletState, { status: 'unlocked' }>
type Props = { wallet: Unlocked; navigate: Navigate; onState: (state: WalletState) => void }

/** The unlocked home: avatar switcher, lock, settings, proof chain, KV, and the current avatar's bindings. */
export function Home({ wallet, navigate, onState }: Props) {
  const action = useAction()
  return (
    <section className="screen">
      <header className="bar home-bar">
        <AvatarSwitcher
          avatars={wallet.avatars}
          currentId={wallet.currentAvatarId}
          busy={action.busy}
          onSelect={(id) => action.run(async () => onState(await callBackground('selectAvatar', { id })))}
        />
        <div className="bar-actions">
          <button type="button" className="ghost" onClick={() => navigate({ name: 'settings' })}>
            {t('settings')}
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => action.run(async () => onState(await callBackground('lock')))}
          >
            {t('lock')}
          </button>
        </div>
      </header>
      <div className="content">
        <ErrorText message={action.error} />
        <div className="row">
          <button type="button" onClick={() => navigate({ name: 'manage-avatar' })}>
            {t('manageAvatar')}
          </button>
          <button type="button" onClick={() => navigate({ name: 'add-avatar' })}>
            {t('addAvatar')}
          </button>
        </div>
        <div className="row">
          <button type="button" onClick={() => navigate({ name: 'proof-chain' })}>
            {t('proofChain')}
          </button>
          <button type="button" onClick={() => navigate({ name: 'kv-editor' })}>
            {t('kvEditor')}
          </button>
        </div>
        <button type="button" className="primary" onClick={() => navigate({ name: 'add-binding' })}>
          {t('addBinding')}
        </button>
        <FlowList navigate={navigate} />
        <BindingsList
          avatarId={wallet.currentAvatarId}
          onRevokeFlow={(flowId) => navigate({ name: 'binding-flow', flowId })}
        />
      </div>
    </section>
  )
}
