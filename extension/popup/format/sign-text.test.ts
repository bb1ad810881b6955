import { describe, expect, it } from 'vitest'
import { signTextWarnings, visibleParts } from './sign-text.js'

describe('the text to sign', () => {
  it('warns of bidi controls, invisible characters and very long text, and of nothing in plain text', () => {
    expect(signTextWarnings('Sign in to dapp.example\nNonce: 42')).toEqual([])
    expect(signTextWarnings('Pay alice\u202Eecila yap')).toEqual(['bidi'])
    expect(signTextWarnings('I agree\u200B to nothing')).toEqual(['invisible'])
    expect(signTextWarnings('x'.repeat(1_001))).toEqual(['long'])
    expect(signTextWarnings(Array.from({ length: 21 }, () => 'line').join('\n'))).toEqual(['long'])
    expect(signTextWarnings('\u2066a\u2069\uFEFF')).toEqual(['bidi', 'invisible'])
    expect(signTextWarnings('日本語 and emoji 🎭 👩‍💻 are fine')).toEqual([])
  })

  it('shows every hidden character by its code point, in place', () => {
    expect(visibleParts('Pay \u202Eabc\u200B!')).toEqual([
      { text: 'Pay ' },
      { hidden: 'U+202E' },
      { text: 'abc' },
      { hidden: 'U+200B' },
      { text: '!' },
    ])
    expect(visibleParts('plain')).toEqual([{ text: 'plain' }])
    expect(visibleParts('')).toEqual([])
  })
})
