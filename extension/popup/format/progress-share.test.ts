import { describe, expect, it } from 'vitest'
import { progressShare } from './progress-share.js'

const progress = { attempt: 1, attempts: 2, estimatedMs: 4000, startedAt: 10_000 }

describe('progressShare', () => {
  it('moves through each try by the clock', () => {
    expect(progressShare(progress, 10_000)).toBe(0)
    expect(progressShare(progress, 12_000)).toBe(0.25)
    expect(progressShare({ ...progress, attempt: 2 }, 16_000)).toBe(0.75)
  })
  it('waits just short of a try’s end when it runs over its estimate', () => {
    expect(progressShare(progress, 30_000)).toBe(0.475)
  })
  it('never goes backwards before the start (clocks of two contexts)', () => {
    expect(progressShare(progress, 9_000)).toBe(0)
  })
})
