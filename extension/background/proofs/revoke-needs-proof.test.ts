import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../../src/errors.js'
import { isRevokeProofPlatform, parseRevokeProofPlatform } from './revoke-needs-proof.js'

describe('parseRevokeProofPlatform', () => {
  it('accepts the six platforms and names the rest', () => {
    for (const platform of ['keybase', 'minds', 'dotbit', 'dns', 'steam', 'activitypub']) {
      expect(parseRevokeProofPlatform(platform)).toBe(platform)
    }
    expect(() => parseRevokeProofPlatform('twitter')).toThrow(
      new InvalidInputError(
        'platform',
        'expected one of keybase, dotbit, minds, dns, steam, activitypub, got "twitter"',
      ),
    )
    expect(() => parseRevokeProofPlatform(42)).toThrow(InvalidInputError)
    expect(['dns', 'keybase', 'twitter', 'ethereum'].map(isRevokeProofPlatform)).toEqual([true, true, false, false])
  })
})
