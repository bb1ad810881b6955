import { describe, expect, it } from 'vitest'
import { InvalidInputError, NetworkError, ServiceError } from '../../../src/errors.js'
import { explainRevokeRefusal, parseRevokeProofPlatform, RevokeNeedsProofError } from './revoke-needs-proof.js'

describe('explainRevokeRefusal', () => {
  it('turns a 4xx on a platform whose reference validator re-fetches the proof into REVOKE_NEEDS_PROOF', () => {
    const refused = new ServiceError(400, 'no Next.ID TXT record for uuid 0b9c… at example.com')
    const explained = explainRevokeRefusal(refused, 'dns', false)
    expect(explained).toBeInstanceOf(RevokeNeedsProofError)
    expect(explained).toMatchObject({
      code: 'REVOKE_NEEDS_PROOF',
      message:
        'the service wants a new dns proof signed over the revoke: no Next.ID TXT record for uuid 0b9c… at example.com',
    })
  })

  it('leaves every other failure as it was, a moved chain told by the fact, not the words', () => {
    const refused = new ServiceError(400, 'bad signature')
    expect(explainRevokeRefusal(refused, 'twitter', false)).toBe(refused)
    const down = new ServiceError(503, 'unavailable')
    expect(explainRevokeRefusal(down, 'dns', false)).toBe(down)
    expect(explainRevokeRefusal(refused, 'keybase', true)).toBe(refused)
    expect(explainRevokeRefusal(refused, 'keybase', false)).toMatchObject({ code: 'REVOKE_NEEDS_PROOF' })
    const offline = new NetworkError('http://127.0.0.1:1/v1/proof', new Error('refused'))
    expect(explainRevokeRefusal(offline, 'dns', false)).toBe(offline)
  })
})

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
  })
})
