import { describe, expect, it } from 'vitest'
import { requireWellFormed } from './well-formed.js'

describe('requireWellFormed', () => {
  it('accepts well-formed text, astral characters included', () => {
    expect(requireWellFormed('a😀b\uFFFF', 'x')).toBe('a😀b\uFFFF')
  })

  it('refuses lone high and low surrogates, naming the field', () => {
    for (const text of ['\uD83D', 'a\uD83Db', '\uDE00', '\uDE00\uD83D', '😀\uDE00']) {
      expect(() => requireWellFormed(text, 'identity')).toThrow(
        '"identity" contains a lone UTF-16 surrogate, which has no UTF-8 form',
      )
    }
  })
})
