/**
 * Where a flow stands on the four steps the flow screen shows (Signed → Publish → Verify → Done),
 * and how long until its next submission (issue 5).
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

/** Whole seconds until `nextAttemptAt` (0 when due or past), or null when no attempt is scheduled. */
export function secondsUntil(nextAttemptAt: number | null, nowMs: number): number | null {
  if (nextAttemptAt === null) return null
  return Math.max(0, Math.ceil((nextAttemptAt - nowMs) / 1000))
}

/**
 * The service's reason inside the engine's waiting note ("not visible yet (<reason>); trying again
 * in 8 s"): the screen counts the seconds down itself, so only the reason is shown beside it.
 */
export function waitingReason(error: string): string {
  const match = /^not visible yet \((.*)\); trying again in \d+ s$/s.exec(error)
  return match?.[1] ?? error
}
