import { describe, expect, it } from 'vitest'
import { isSamePostText, normalisePostText } from './post-text.js'

describe('normalisePostText', () => {
  it('ignores how line breaks and spaces are rendered, never the characters', () => {
    expect(normalisePostText(' a\r\nb\n\n c  d\t')).toBe('a b c d')
    expect(normalisePostText('e\u0301')).toBe(normalisePostText('é'))
    expect(normalisePostText('Sig: AB')).not.toBe(normalisePostText('Sig: A B'))
  })
})

describe('isSamePostText', () => {
  it('matches a proof as the page shows it, and nothing with other characters', () => {
    const proof = '🎭 Verify @alice with @NextDotID.\nSig: AB+/=\nMisc: x|1|'
    expect(isSamePostText(`${proof.replaceAll('\n', '\r\n\r\n')}\n`, proof)).toBe(true)
    expect(isSamePostText(proof.replace('Sig: ', 'Sig: X'), proof)).toBe(false)
    expect(isSamePostText('gm', proof)).toBe(false)
    expect(isSamePostText('', proof)).toBe(false)
  })
})
