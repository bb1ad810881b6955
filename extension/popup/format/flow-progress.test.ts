import { describe, expect, it } from 'vitest'
import { currentStage } from './flow-progress.js'

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
