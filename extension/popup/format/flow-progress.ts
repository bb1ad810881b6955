/**
 * Where a flow stands on the four steps the flow screen shows (Signed → Publish → Verify → Done)
 * (issue 5).
 */
import type { BindingFlow } from '../../messaging/catalogue.js'

export const FLOW_STAGES = ['signed', 'publish', 'verify', 'done'] as const
export type FlowStage = (typeof FLOW_STAGES)[number]

/** The current stage: a failed flow stays on the stage it failed at (verify once something was submitted). */
export function currentStage(flow: Pick<BindingFlow, 'step' | 'attempts'>): FlowStage {
  switch (flow.step) {
    case 'submit':
      return 'verify'
    case 'done':
      return 'done'
    case 'failed':
      return flow.attempts > 0 ? 'verify' : 'publish'
    default:
      // publish, and a wallet's confirm / sign (the wallet screen shows those in detail)
      return 'publish'
  }
}
