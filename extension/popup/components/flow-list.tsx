import type { BindingFlow } from '../../messaging/catalogue.js'
import { statusText } from '../format/flow-text.js'
import { type MessageKey, t } from '../i18n.js'
import type { Navigate } from '../routes.js'
import { PlatformBadge, platformName } from './platform-badge.js'
import { useFlows } from './use-flows.js'

const STEP_LABELS: Record<BindingFlow['step'], MessageKey> = {
  'confirm-wallet': 'flowRowWallet',
  'wallet-sign': 'flowRowWallet',
  publish: 'flowRowPublish',
  submit: 'flowRowSubmit',
  done: 'flowRowDone',
  failed: 'flowRowFailed',
}

/** The flows not yet cleared, above the bindings on home; a tap opens the flow (or the wallet screen). */
export function FlowList({ navigate }: { navigate: Navigate }) {
  const { load } = useFlows(1000)
  if (load.state !== 'ready' || load.flows.length === 0) return null
  return (
    <section className="flows" aria-labelledby="flows-title">
      <h2 id="flows-title">{t('flowsInProgress')}</h2>
      <ul className="flow-list">
        {load.flows.map((flow) => (
          <li key={flow.id} className="flow-row" data-testid="flow-row" data-step={flow.step}>
            <button
              type="button"
              className="flow-open"
              onClick={() =>
                navigate(flow.kind === 'wallet' ? { name: 'bind-wallet' } : { name: 'binding-flow', flowId: flow.id })
              }
            >
              <PlatformBadge platform={flow.platform} />
              <span className="binding-text">
                <span className="platform">
                  {platformName(flow.platform)}
                  {flow.action === 'delete' && ` · ${t('flowRowRevoke')}`}
                </span>
                <span className="identity">{flow.identity}</span>
                <span
                  className={`chip ${flow.step === 'failed' ? 'invalid' : flow.step === 'done' ? 'valid' : 'stale'}`}
                >
                  {t(STEP_LABELS[flow.step])}
                </span>
                {flow.step === 'failed' && <span className="flow-row-error">{statusText(flow)}</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
