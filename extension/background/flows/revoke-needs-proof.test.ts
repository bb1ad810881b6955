import { describe, expect, it } from 'vitest'
import { InvalidInputError, NetworkError, ServiceError } from '../../../src/errors.js'
import { explainRevokeRefusal, parseRevokeProofPlatform, RevokeNeedsProofError } from './revoke-needs-proof.js'

describe('explainRevokeRefusal', () => {
  it('turns a 4xx on a platform whose reference validator re-fetches the proof into REVOKE_NEEDS_PROOF', () => {
    const refused = new ServiceError(400, 'no Next.ID TXT record for uuid 0b9c… at example.com')
    const explained = explainRevokeRefusal(refused, 'dns')
    expect(explained).toBeInstanceOf(RevokeNeedsProofError)
    expect(explained).toMatchObject({
      code: 'REVOKE_NEEDS_PROOF',
      message:
        'the service wants a new dns proof signed over the revoke: no Next.ID TXT record for uuid 0b9c… at example.com',
    })
  })

  it('leaves every other failure as it was', () => {
    const refused = new ServiceError(400, 'bad signature')
    expect(explainRevokeRefusal(refused, 'twitter')).toBe(refused)
    const down = new ServiceError(503, 'unavailable')
    expect(explainRevokeRefusal(down, 'dns')).toBe(down)
    const moved = new ServiceError(400, "bad signature: the avatar's proof chain changed; request a new payload")
    expect(explainRevokeRefusal(moved, 'keybase')).toBe(moved)
    const offline = new NetworkError('http://127.0.0.1:1/v1/proof', new Error('refused'))
    expect(explainRevokeRefusal(offline, 'dns')).toBe(offline)
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
        'a revoke with a new proof is for keybase, minds, dotbit, dns, steam, activitypub only (got "twitter")',
      ),
    )
    expect(() => parseRevokeProofPlatform(42)).toThrow(InvalidInputError)
  })
})
