import { describe, expect, it } from 'vitest'
import type { ProofChainLink } from '../../../src/client/index.js'
import { avatarId, getPublicKey, hexToBytes } from '../../../src/crypto/index.js'
import { toProofChainView } from './proof-chain-view.js'

const AVATAR = avatarId(getPublicKey(hexToBytes('11'.repeat(32), 'key')))

// A legacy-looking link (§5.2: no stored payload) whose signature is not even base64.
const LINK: ProofChainLink = {
  action: 'create',
  platform: 'github',
  identity: 'alice',
  altId: '',
  proofLocation: 'https://gist.github.com/alice/1',
  createdAt: '1700000000',
  signature: '!!',
  signaturePayload: '',
  uuid: '00000000-0000-4000-8000-000000000000',
  extra: {},
  arweaveId: '',
}

describe('toProofChainView', () => {
  it('keeps the link, numbers createdAt, reports the verification and null for an unreadable payload', () => {
    expect(toProofChainView(AVATAR, [LINK])).toEqual({
      valid: false,
      links: [
        {
          action: 'create',
          platform: 'github',
          identity: 'alice',
          proofLocation: 'https://gist.github.com/alice/1',
          createdAt: 1_700_000_000,
          status: 'malformed',
          reason: 'the signature is not base64',
          payload: null,
        },
      ],
    })
  })

  it('is valid and empty for an avatar without a chain', () => {
    expect(toProofChainView(AVATAR, [])).toEqual({ valid: true, links: [] })
  })
})
