import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPastDeadline, lockDeadline } from './auto-lock.js'

describe('auto-lock deadline', () => {
  it('is the unlock time plus the minutes, absolute', () => {
    expect(lockDeadline(1_000, 15)).toBe(1_000 + 15 * 60_000)
  })

  it('locks at the deadline itself, not a millisecond later', () => {
    expect(isPastDeadline(899_999, 900_000)).toBe(false)
    expect(isPastDeadline(900_000, 900_000)).toBe(true)
  })

  it('never expires before the configured minutes and always after', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 44 }), fc.integer({ min: 1, max: 1440 }), (now, minutes) => {
        const deadline = lockDeadline(now, minutes)
        return !isPastDeadline(now + minutes * 60_000 - 1, deadline) && isPastDeadline(now + minutes * 60_000, deadline)
      }),
      { numRuns: 1000 },
    )
  })

  it.each([
    [[1, 0], '"autoLockMinutes" expected 1..1440, got 0'],
    [[1, 1441], '"autoLockMinutes" expected 1..1440, got 1441'],
    [[-1, 15], '"now" expected 0..9007199254740991, got -1'],
  ])('refuses bad input %j', ([now, minutes], message) => {
    expect(() => lockDeadline(now as number, minutes as number)).toThrow(message)
  })
})
