import type { BindingFlow } from '../../messaging/catalogue.js'
import { currentStage, type FlowStage, stagesOf } from '../format/flow-progress.js'
import { type MessageKey, t } from '../i18n.js'

const LABELS: Record<FlowStage, MessageKey> = {
  signed: 'flowStepSigned',
  publish: 'flowStepPublish',
  verify: 'flowStepVerify',
  done: 'flowStepDone',
}

/** Signed ✓ → Publish → Verify → Done, the current one marked (and red when the flow failed there). */
export function FlowSteps({ flow }: { flow: Pick<BindingFlow, 'kind' | 'step' | 'attempts'> }) {
  const stages = stagesOf(flow)
  const current = stages.indexOf(currentStage(flow))
  const failed = flow.step === 'failed'
  return (
    <ol className="flow-steps" aria-label={t('flowSteps')}>
      {stages.map((stage, index) => {
        const state = index < current || flow.step === 'done' ? 'complete' : index === current ? 'current' : 'later'
        return (
          <li
            key={stage}
            className={`flow-step ${state}${failed && index === current ? ' failed' : ''}`}
            aria-current={index === current ? 'step' : undefined}
          >
            {t(LABELS[stage])}
            {state === 'complete' && <span aria-hidden="true"> ✓</span>}
          </li>
        )
      })}
    </ol>
  )
}
