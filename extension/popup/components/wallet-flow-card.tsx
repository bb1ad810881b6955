import type { BindingFlow, FlowWallet } from '../../messaging/catalogue.js'
import { statusText } from '../format/flow-text.js'
import { t } from '../i18n.js'
import { ErrorText } from './error-text.js'
import { WalletIcon } from './wallet-list.js'

// Addresses are one long word: let them wrap anywhere rather than overflow the 360 px popup.
const WRAP = { overflowWrap: 'anywhere' } as const

type Props = {
  flow: BindingFlow & { wallet: FlowWallet }
  avatarName: string
  busy: boolean
  error: string | undefined
  onConfirm: () => void
  onRetry: () => void
  onClear: () => void
}

/** One wallet flow by its step: the confirmation, "sign in your wallet", done, or failed with its reason. */
export function WalletFlowCard({ flow, avatarName, busy, error, onConfirm, onRetry, onClear }: Props) {
  const { wallet } = flow
  return (
    <div className="card stack" data-testid="wallet-flow" data-step={flow.step}>
      <div className="binding">
        <WalletIcon icon={wallet.icon} name={wallet.name} />
        <span className="binding-text">
          <span className="platform">{wallet.name}</span>
          <span className="identity">{wallet.origin}</span>
        </span>
      </div>
      {/* The whole address, never cut: it is what the user compares with the wallet. */}
      <code data-testid="wallet-address" style={WRAP}>
        {wallet.address}
      </code>
      <StepBody flow={flow} avatarName={avatarName} />
      <ErrorText message={error} />
      <div className="row">
        {flow.step === 'confirm-wallet' && (
          <>
            <button type="button" disabled={busy} onClick={onClear}>
              {t('cancel')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
              {busy ? t('working') : t('walletBind')}
            </button>
          </>
        )}
        {flow.step === 'failed' && (
          <>
            <button type="button" disabled={busy} onClick={onClear}>
              {t('walletClear')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={onRetry}>
              {t('retry')}
            </button>
          </>
        )}
        {flow.step === 'done' && (
          <button type="button" className="primary" disabled={busy} onClick={onClear}>
            {t('done')}
          </button>
        )}
      </div>
    </div>
  )
}

function StepBody({ flow, avatarName }: { flow: BindingFlow & { wallet: FlowWallet }; avatarName: string }) {
  const { wallet } = flow
  switch (flow.step) {
    case 'confirm-wallet':
      return (
        <>
          <p data-testid="wallet-confirm" style={WRAP}>
            {t('walletConfirmAsk', wallet.address, wallet.name, wallet.origin, avatarName)}
          </p>
          <p className="warning">{t('walletConfirmWarn')}</p>
          <p className="hint" data-testid="wallet-page-sees">
            {t('walletPageSees', wallet.origin)}
          </p>
        </>
      )
    case 'wallet-sign':
      return (
        <>
          <p className="lead" role="status">
            {t('walletSigning')}
          </p>
          <p className="hint">{t('walletSigningHint', wallet.origin)}</p>
        </>
      )
    case 'done':
      return (
        <p className="success" role="status" style={WRAP}>
          {t('walletDone', wallet.address, avatarName)}
        </p>
      )
    case 'failed':
      return (
        <p className="error" role="alert" data-testid="wallet-failed">
          {t('walletFailed', statusText(flow))}
        </p>
      )
    default:
      return (
        <>
          <p className="lead" role="status">
            {t('walletSubmitting')}
          </p>
          {/* The service was down: the same signatures go again, without a new wallet prompt. */}
          {flow.status !== null && <p className="hint">{statusText(flow)}</p>}
        </>
      )
  }
}
