import { describe, expect, it } from 'vitest'
import { fingerprintOf } from './fingerprint.js'

const ALICE = `0x02${'a5'.repeat(32)}`
const BOB = `0x03${'5a'.repeat(31)}b7`

describe('fingerprintOf', () => {
  it('is the same for the same id, mirrored, and differs for another id', () => {
    const alice = fingerprintOf(ALICE)
    expect(fingerprintOf(ALICE)).toEqual(alice)
    for (const row of alice.cells) expect(row).toEqual([...row].reverse())
    expect(alice.cells).toHaveLength(5)
    expect(alice.hue).toBeGreaterThanOrEqual(0)
    expect(alice.hue).toBeLessThan(360)
    const bob = fingerprintOf(BOB)
    expect([bob.hue, bob.cells]).not.toEqual([alice.hue, alice.cells])
  })

  it('reads the bytes it is given: 0xa5a5 gives hue 42405 mod 360 and row 0 from the bits of 0xa5', () => {
    const { hue, cells } = fingerprintOf(ALICE)
    expect(hue).toBe(0xa5a5 % 360)
    // 0xa5 = 1010 0101: bits 0, 1, 2 are 1, 0, 1.
    expect(cells[0]).toEqual([true, false, true, false, true])
  })
})
