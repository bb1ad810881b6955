import type { BindingFlow } from '../../messaging/catalogue.js'
import { secondsUntil, waitingReason } from '../format/flow-progress.js'
import { t } from '../i18n.js'

/** The verify step: attempts so far and when the next one runs, while the post is not visible yet. */
export function FlowWaiting({ flow, nowMs }: { flow: BindingFlow; nowMs: number }) {
  const seconds = secondsUntil(flow.nextAttemptAt, nowMs)
  return (
    <div className="stack" role="status">
      <p className="flow-checking">
        <span className="spinner" aria-hidden="true" />
        {t('flowChecking')}
      </p>
      {flow.attempts > 0 && <p className="muted">{t('flowAttempts', String(flow.attempts))}</p>}
      {seconds !== null && (
        <p className="warning" data-testid="flow-retry">
          {seconds > 0 ? t('flowRetryIn', String(seconds)) : t('flowRetryNow')}
        </p>
      )}
      {/* The service's own words about why the post is not visible yet, or that the chain moved while locked. */}
      {flow.error !== '' && <p className="hint flow-detail">{waitingReason(flow.error)}</p>}
    </div>
  )
}
