import { describe, expect, it } from 'vitest'
import { currentStage, secondsUntil, waitingReason } from './flow-progress.js'

describe('currentStage', () => {
  it('maps the engine steps onto the four stages shown', () => {
    expect(currentStage({ step: 'publish', attempts: 0 })).toBe('publish')
    expect(currentStage({ step: 'confirm-wallet', attempts: 0 })).toBe('publish')
    expect(currentStage({ step: 'wallet-sign', attempts: 0 })).toBe('publish')
    expect(currentStage({ step: 'submit', attempts: 1 })).toBe('verify')
    expect(currentStage({ step: 'done', attempts: 2 })).toBe('done')
  })

  it('keeps a failed flow on the stage it failed at', () => {
    expect(currentStage({ step: 'failed', attempts: 0 })).toBe('publish')
    expect(currentStage({ step: 'failed', attempts: 3 })).toBe('verify')
  })
})

describe('secondsUntil', () => {
  it('counts whole seconds up, never below zero', () => {
    expect(secondsUntil(10_000, 2_000)).toBe(8)
    expect(secondsUntil(10_000, 2_001)).toBe(8)
    expect(secondsUntil(10_000, 9_999)).toBe(1)
    expect(secondsUntil(10_000, 10_000)).toBe(0)
    expect(secondsUntil(10_000, 12_000)).toBe(0)
    expect(secondsUntil(null, 0)).toBeNull()
  })
})

describe('waitingReason', () => {
  it("keeps the service's reason from the engine's waiting note, and any other note whole", () => {
    expect(waitingReason('not visible yet (tweet not found: 17 (x)); trying again in 8 s')).toBe(
      'tweet not found: 17 (x)',
    )
    const locked = "the avatar's chain changed; unlock to get the updated text to publish"
    expect(waitingReason(locked)).toBe(locked)
    expect(waitingReason('')).toBe('')
  })
})
