import type { BindingFlow } from '../../messaging/catalogue.js'
import { statusText } from '../format/flow-text.js'
import { t } from '../i18n.js'
import type { Action } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { platformName } from './platform-badge.js'

type Props = {
  flow: BindingFlow
  action: Action
  onHome: () => void
  onRestart: () => void
  onClear: () => void
  /** The service wants a newly published proof to revoke (§7.2): start that flow instead. */
  onRevokeWithProof: () => void
}

/** The end of a flow: verified (back to home), or failed with its reason in words (start again or clear). */
export function FlowOutcome({ flow, action, onHome, onRestart, onClear, onRevokeWithProof }: Props) {
  if (flow.step === 'done') {
    const key = flow.action === 'delete' ? 'flowDoneDelete' : 'flowDoneCreate'
    return (
      <div className="stack">
        <p className="success flow-outcome" role="status" data-testid="flow-done">
          {t(key, flow.identity, platformName(flow.platform))}
        </p>
        <ErrorText message={action.error} />
        <button type="button" className="primary" disabled={action.busy} onClick={onHome}>
          {t('flowBackHome')}
        </button>
      </div>
    )
  }
  return (
    <div className="stack">
      <p className="error flow-outcome" role="alert" data-testid="flow-failed">
        {statusText(flow) || t('flowStopped')}
      </p>
      <ErrorText message={action.error} />
      <div className="row">
        <button type="button" disabled={action.busy} onClick={onClear}>
          {t('flowClear')}
        </button>
        {flow.status?.code === 'needs-proof' ? (
          <button type="button" className="primary" disabled={action.busy} onClick={onRevokeWithProof}>
            {action.busy ? t('working') : t('revokeWithProof')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={action.busy} onClick={onRestart}>
            {action.busy ? t('working') : t('flowStartAgain')}
          </button>
        )}
      </div>
    </div>
  )
}
