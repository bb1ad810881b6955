import { describe, expect, it } from 'vitest'
import { currentStage, FLOW_STAGES, stagesOf } from './flow-progress.js'

describe('currentStage', () => {
  it('maps the engine steps onto the four stages shown', () => {
    expect(currentStage({ kind: 'post', step: 'publish', attempts: 0 })).toBe('publish')
    expect(currentStage({ kind: 'wallet', step: 'confirm-wallet', attempts: 0 })).toBe('publish')
    expect(currentStage({ kind: 'wallet', step: 'wallet-sign', attempts: 0 })).toBe('publish')
    expect(currentStage({ kind: 'post', step: 'submit', attempts: 1 })).toBe('verify')
    expect(currentStage({ kind: 'post', step: 'done', attempts: 2 })).toBe('done')
  })

  it('keeps a failed flow on the stage it failed at', () => {
    expect(currentStage({ kind: 'post', step: 'failed', attempts: 0 })).toBe('publish')
    expect(currentStage({ kind: 'post', step: 'failed', attempts: 3 })).toBe('verify')
  })

  it('shows a confirmed revoke without a publish stage, failed at verify even before an attempt counted', () => {
    expect(stagesOf({ kind: 'revoke' })).toEqual(['signed', 'verify', 'done'])
    expect(stagesOf({ kind: 'post' })).toBe(FLOW_STAGES)
    expect(currentStage({ kind: 'revoke', step: 'failed', attempts: 0 })).toBe('verify')
    expect(currentStage({ kind: 'revoke', step: 'submit', attempts: 1 })).toBe('verify')
  })
})
