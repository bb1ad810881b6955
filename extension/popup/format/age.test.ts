import { describe, expect, it } from 'vitest'
import { ageOf, daysSince } from './age.js'

const now = 1_700_000_000_000
const nowSeconds = now / 1000

describe('ageOf', () => {
  it('picks the largest whole unit, as a past (negative) value', () => {
    expect(ageOf(nowSeconds - 5, now)).toEqual({ value: -5, unit: 'second' })
    expect(ageOf(nowSeconds - 59, now)).toEqual({ value: -59, unit: 'second' })
    expect(ageOf(nowSeconds - 60, now)).toEqual({ value: -1, unit: 'minute' })
    expect(ageOf(nowSeconds - 7_199, now)).toEqual({ value: -1, unit: 'hour' })
    expect(ageOf(nowSeconds - 4 * 86_400 - 10, now)).toEqual({ value: -4, unit: 'day' })
  })
  it('treats a timestamp in the future as now', () => {
    expect(ageOf(nowSeconds + 100, now)).toEqual({ value: -0, unit: 'second' })
  })
})

describe('daysSince', () => {
  it('counts whole days', () => {
    expect(daysSince(nowSeconds - 3 * 86_400 + 1, now)).toBe(2)
    expect(daysSince(nowSeconds - 3 * 86_400, now)).toBe(3)
    expect(daysSince(nowSeconds + 5, now)).toBe(0)
  })
})
