import type { BindingFlow } from '../../messaging/catalogue.js'
import { formatTime, statusText } from '../format/flow-text.js'
import { t } from '../i18n.js'
import type { Action } from '../use-action.js'
import { DnsLookup } from './dns-lookup.js'
import { ErrorText } from './error-text.js'

type Props = { flow: BindingFlow; nowMs: number; action: Action; onCheckNow: () => void; onCancel: () => void }

/**
 * The verify step: why the proof is not accepted yet (in words chosen here from the status code,
 * the service's own message quoted), when the next check runs and until when checking goes on,
 * with "Check now" and "Cancel" (and, for DNS, "Check DNS now").
 */
export function FlowWaiting({ flow, nowMs, action, onCheckNow, onCancel }: Props) {
  const status = statusText(flow)
  return (
    <div className="stack" role="status">
      <p className="flow-checking">
        <span className="spinner" aria-hidden="true" />
        {t('flowChecking')}
      </p>
      {status !== '' && <p className="hint flow-detail">{status}</p>}
      {flow.attempts > 0 && <p className="muted">{t('flowAttempts', String(flow.attempts))}</p>}
      {flow.nextAttemptAt !== null && (
        <p className="warning" data-testid="flow-retry">
          {t('flowNextCheckAt', formatTime(flow.nextAttemptAt, nowMs))}
        </p>
      )}
      {flow.checkUntil !== null && (
        <p className="muted" data-testid="flow-check-until">
          {t('flowCheckingUntil', formatTime(flow.checkUntil, nowMs))}
        </p>
      )}
      {/* Hours of waiting on DNS: the user can see what resolvers show meanwhile. */}
      {flow.kind === 'post' && flow.platform === 'dns' && <DnsLookup flowId={flow.id} />}
      <ErrorText message={action.error} />
      <div className="row">
        <button type="button" disabled={action.busy} onClick={onCancel}>
          {t('flowCancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={onCheckNow}
          data-testid="flow-check-now"
        >
          {action.busy ? t('working') : t('flowCheckNow')}
        </button>
      </div>
    </div>
  )
}
