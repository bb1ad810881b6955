import { describe, expect, it } from 'vitest'
import { passwordString, passwordVariants } from './password-variants.js'

const accounts = (typed: string | undefined) => passwordVariants(typed).map((variant) => variant.account)

describe('passwordVariants', () => {
  it('is the password alone without an account', () => {
    expect(accounts(undefined)).toEqual([undefined])
    expect(accounts('  ')).toEqual([undefined])
  })
  it('puts an e-mail in front, then tries the password alone (Google Drive backups)', () => {
    expect(accounts(' alice@example.com ')).toEqual(['alice@example.com', undefined])
  })
  it('tries a phone typed with a space as typed, then without the space', () => {
    expect(accounts('+86 138-0013 8000')).toEqual(['+86 13800138000', '+8613800138000', undefined])
  })
  it('tries a phone typed without a space with every country-code length', () => {
    expect(accounts('+15551234')).toEqual(['+15551234', '+1 5551234', '+15 551234', '+155 51234', undefined])
  })
  it('joins account and password with nothing between, as Mask did', () => {
    expect(passwordString({ account: '+1 5551234' }, 'pw')).toBe('+1 5551234pw')
    expect(passwordString({ account: undefined }, 'pw')).toBe('pw')
  })
})
