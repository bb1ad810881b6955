import type { WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { AvatarSwitcher } from '../components/avatar-switcher.js'
import { BindingsList } from '../components/bindings-list.js'
import { ErrorText } from '../components/error-text.js'
import { FlowList } from '../components/flow-list.js'
import { IdentityCard } from '../components/identity-card.js'
import { t } from '../i18n.js'
import type { Navigate } from '../routes.js'
import { useAction } from '../use-action.js'

type Unlocked = Extract<WalletState, { status: 'unlocked' }>
type Props = { wallet: Unlocked; navigate: Navigate; onState: (state: WalletState) => void }

/**
 * The unlocked home as an identity card: the avatar (fingerprint, name, id) and the service in use on
 * top, the bindings as the main content, the secondary actions (proof chain, KV, manage, add) at the end.
 */
export function Home({ wallet, navigate, onState }: Props) {
  const action = useAction()
  const current = wallet.avatars.find((avatar) => avatar.id === wallet.currentAvatarId)
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
        <IdentityCard name={current?.name ?? ''} avatarId={wallet.currentAvatarId} />
        <button type="button" className="primary" onClick={() => navigate({ name: 'add-binding' })}>
          {t('addBinding')}
        </button>
        <FlowList navigate={navigate} />
        <BindingsList
          avatarId={wallet.currentAvatarId}
          onRevokeFlow={(flowId) => navigate({ name: 'binding-flow', flowId })}
        />
        <nav className="more-actions" aria-label={t('moreActions')}>
          <button type="button" className="ghost small" onClick={() => navigate({ name: 'proof-chain' })}>
            {t('proofChain')}
          </button>
          <button type="button" className="ghost small" onClick={() => navigate({ name: 'kv-editor' })}>
            {t('kvEditor')}
          </button>
          <button type="button" className="ghost small" onClick={() => navigate({ name: 'manage-avatar' })}>
            {t('manageAvatar')}
          </button>
          <button type="button" className="ghost small" onClick={() => navigate({ name: 'add-avatar' })}>
            {t('addAvatar')}
          </button>
        </nav>
      </div>
    </section>
  )
}
