import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { byUtf8Bytes, jsonString } from '../../test/support/src/protocol/test-arbitraries.js'
import { compareUtf8, sortedKeysUtf8 } from './compare-utf8.js'

describe('compareUtf8', () => {
  it('puts U+E000..U+FFFF before astral characters, unlike UTF-16 order', () => {
    expect(compareUtf8('\uFFFF', '😀')).toBeLessThan(0)
    expect(compareUtf8('😀', '\uE000')).toBeGreaterThan(0)
    expect(compareUtf8('a', 'ab')).toBeLessThan(0)
    expect(compareUtf8('same', 'same')).toBe(0)
    expect(sortedKeysUtf8({ '😀': 1, '\uE000': 2, b: 3, B: 4, _: 5 })).toEqual(['B', '_', 'b', '\uE000', '😀'])
  })

  it('has the sign of Buffer.compare over the UTF-8 bytes', () => {
    fc.assert(
      fc.property(jsonString, jsonString, (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(byUtf8Bytes(a, b))
      }),
      { numRuns: 1000 },
    )
  })
})
