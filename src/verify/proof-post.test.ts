import { describe, expect, it } from 'vitest'
import { encodeBase64 } from '../crypto/base64.js'
import { formatPublicKey, getPublicKey } from '../crypto/keys.js'
import { signPersonalMessage } from '../crypto/personal-sign.js'
import { InvalidInputError } from '../errors.js'
import { buildPostContent, fillSignature } from '../protocol/post-content.js'
import { buildProofSignPayload } from '../protocol/proof-payload.js'
import { verifyProofPost } from './proof-post.js'

const avatarKey = new Uint8Array(32).fill(5)
const avatar = formatPublicKey(getPublicKey(avatarKey), { compressed: true })
const otherKey = new Uint8Array(32).fill(6)
const link = { uuid: '6a4b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', createdAt: '1700000000', prev: null }

/** What the user would publish: the service's post text with the avatar's signature filled in. */
function publish(platform: 'twitter' | 'github' | 'dns' | 'dotbit' | 'steam', identity: string, key = avatarKey) {
  const params = { action: 'create' as const, platform, identity, avatar, ...link }
  const signature = encodeBase64(signPersonalMessage(buildProofSignPayload(params), key))
  return fillSignature(buildPostContent(params).default, signature, avatar)
}

describe('verifyProofPost', () => {
  it('verifies a tweet made from the service’s post text', () => {
    const post = publish('twitter', 'Alice')
    const result = verifyProofPost({ platform: 'twitter', identity: 'Alice', avatar, post, ...link })
    expect(result).toEqual({ valid: true, reason: '', signedText: expect.stringContaining('"identity":"alice"') })
  })

  it('refuses a tweet signed by another key, or for another binding', () => {
    const forged = publish('twitter', 'alice', otherKey)
    expect(verifyProofPost({ platform: 'twitter', identity: 'alice', avatar, post: forged, ...link })).toMatchObject({
      valid: false,
      reason: 'the signature in the post is not this avatar’s signature over this binding',
    })
    const post = publish('twitter', 'alice')
    expect(verifyProofPost({ platform: 'twitter', identity: 'bob', avatar, post, ...link }).valid).toBe(false)
    expect(
      verifyProofPost({ platform: 'twitter', identity: 'alice', avatar, post, ...link, createdAt: '1700000001' }).valid,
    ).toBe(false)
  })

  it('explains a post with no signature line, or one that is not base64', () => {
    const none = verifyProofPost({ platform: 'twitter', identity: 'alice', avatar, post: 'just saying hi', ...link })
    expect(none.valid).toBe(false)
    expect(none.reason).toMatch(/^the post is not a valid proof: /)
    const emoji = verifyProofPost({ platform: 'twitter', identity: 'alice', avatar, post: 'Sig: 🎭🎭🎭🎭', ...link })
    expect(emoji.reason).toBe('the signature in the post is not base64 (base1024 posts cannot be checked here)')
  })

  it('verifies a GitHub gist file and checks its avatar and username', () => {
    const file = publish('github', 'alice')
    expect(verifyProofPost({ platform: 'github', identity: 'Alice', avatar, post: file, ...link }).valid).toBe(true)
    const other = formatPublicKey(getPublicKey(otherKey), { compressed: true })
    expect(verifyProofPost({ platform: 'github', identity: 'alice', avatar: other, post: file, ...link }).reason).toBe(
      'the proof file names another avatar',
    )
    expect(verifyProofPost({ platform: 'github', identity: 'bob', avatar, post: file, ...link }).reason).toBe(
      'the proof file is for github user alice',
    )
  })

  it('verifies a DNS TXT record even when split into several strings (§15 #22)', () => {
    const record = publish('dns', 'example.com')
    const strings = [record.slice(0, 100), record.slice(100)]
    expect(verifyProofPost({ platform: 'dns', identity: 'example.com', avatar, post: strings, ...link }).valid).toBe(
      true,
    )
    const otherUuid = { ...link, uuid: '6a4b1c2d-3e4f-4a5b-8c6d-000000000000' }
    expect(
      verifyProofPost({ platform: 'dns', identity: 'example.com', avatar, post: [record], ...otherUuid }).reason,
    ).toBe('the TXT record is for another proof')
  })

  it('verifies a .bit record and a Steam profile summary', () => {
    expect(
      verifyProofPost({
        platform: 'dotbit',
        identity: 'alice.bit',
        avatar,
        post: publish('dotbit', 'alice.bit'),
        ...link,
      }).valid,
    ).toBe(true)
    expect(
      verifyProofPost({
        platform: 'steam',
        identity: '76561198000000000',
        avatar,
        post: publish('steam', '76561198000000000'),
        ...link,
      }).valid,
    ).toBe(true)
  })

  it('rejects bad input with typed errors', () => {
    const post = publish('twitter', 'alice')
    expect(() => verifyProofPost({ platform: 'myspace', identity: 'alice', avatar, post, ...link })).toThrow(
      InvalidInputError,
    )
    expect(() => verifyProofPost({ platform: 'twitter', identity: 'alice', avatar: '0x02', post, ...link })).toThrow(
      '"avatar"',
    )
    expect(() =>
      verifyProofPost({ platform: 'twitter', identity: 'alice', avatar, post, ...link, uuid: 'nope' }),
    ).toThrow('"uuid" expected a UUID like 8-4-4-4-12 hex digits')
    const wallet = '0x0000000000000000000000000000000000000000'
    expect(verifyProofPost({ platform: 'ethereum', identity: wallet, avatar, post: '', ...link })).toMatchObject({
      valid: false,
      reason: 'the post is not a valid proof: "platform" has no signature line in a post: ethereum',
    })
  })
})
