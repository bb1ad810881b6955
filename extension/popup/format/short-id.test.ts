import { describe, expect, it } from 'vitest'
import { shortenId } from './short-id.js'

describe('shortenId', () => {
  it('keeps 0x plus 6 hex digits and the last 4', () => {
    expect(shortenId(`0x02ab12${'0'.repeat(56)}cd34`)).toBe('0x02ab12…cd34')
  })
  it('leaves short strings alone', () => {
    expect(shortenId('0x1234')).toBe('0x1234')
  })
})
