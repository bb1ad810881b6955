/**
 * Where a flow stands on the steps the flow screen shows (issue 5): Signed → Publish → Verify →
 * Done; a revoke the user confirmed has nothing to publish (Signed → Verify → Done).
 */
import type { BindingFlow } from '../../messaging/catalogue.js'

export const FLOW_STAGES = ['signed', 'publish', 'verify', 'done'] as const
export type FlowStage = (typeof FLOW_STAGES)[number]

const REVOKE_STAGES: readonly FlowStage[] = ['signed', 'verify', 'done']

/** The stages a flow of this kind goes through. */
export function stagesOf(flow: Pick<BindingFlow, 'kind'>): readonly FlowStage[] {
  return flow.kind === 'revoke' ? REVOKE_STAGES : FLOW_STAGES
}

/** The current stage: a failed flow stays on the stage it failed at (verify once something was submitted). */
export function currentStage(flow: Pick<BindingFlow, 'kind' | 'step' | 'attempts'>): FlowStage {
  switch (flow.step) {
    case 'submit':
      return 'verify'
    case 'done':
      return 'done'
    case 'failed':
      return flow.attempts > 0 || flow.kind === 'revoke' ? 'verify' : 'publish'
    default:
      // publish, and a wallet's confirm / sign (the wallet screen shows those in detail)
      return 'publish'
  }
}
