import { describe, expect, it } from 'vitest'
import { ratePassword } from './password-strength.js'

describe('ratePassword', () => {
  it.each([
    ['', 'too-short'],
    ['abcdefg', 'too-short'],
    ['abcdefgh', 'weak'],
    ['abcdefgh1', 'weak'],
    ['abcdefG1', 'fair'],
    ['abcdefghijkl', 'fair'],
    ['abcdefghijK1', 'strong'],
    ['abcdefghijklmnop', 'strong'],
  ])('%j is %s', (password, strength) => {
    expect(ratePassword(password)).toBe(strength)
  })
  it('counts characters, not UTF-16 units', () => {
    expect(ratePassword('😀😀😀😀😀😀😀')).toBe('too-short')
    expect(ratePassword('密码密码密码密码')).toBe('weak')
  })
})
