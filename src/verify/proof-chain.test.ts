import { describe, expect, it } from 'vitest'
import { buildChain } from '../../test/support/src/verify/test-chain.js'
import { encodeBase58 } from '../crypto/base58.js'
import { decodeBase64, encodeBase64 } from '../crypto/base64.js'
import { bytesToHex } from '../crypto/hex.js'
import { addressOf, formatPublicKey, getPublicKey } from '../crypto/keys.js'
import { signPersonalMessage } from '../crypto/personal-sign.js'
import { InvalidInputError } from '../errors.js'
import { buildLegacyProofSignPayload } from '../protocol/proof-payload.js'
import { verifyProofChain } from './proof-chain.js'

const avatarKey = new Uint8Array(32).fill(7)
const walletKey = new Uint8Array(32).fill(9)
const avatar = formatPublicKey(getPublicKey(avatarKey), { compressed: true })
const wallet = addressOf(getPublicKey(walletKey))

const statuses = (links: ReturnType<typeof verifyProofChain>['links']) => links.map((link) => link.status)

describe('verifyProofChain', () => {
  const chain = buildChain(avatarKey, [
    { action: 'create', platform: 'twitter', identity: 'Alice' },
    { action: 'create', platform: 'github', identity: 'alice' },
    { action: 'create', platform: 'ethereum', identity: wallet },
    { action: 'delete', platform: 'twitter', identity: 'alice' },
  ])

  it('verifies a chain of real links, for the avatar in any key form', () => {
    for (const form of [avatar, formatPublicKey(getPublicKey(avatarKey), { compressed: false, prefix: false })]) {
      const result = verifyProofChain(form, chain)
      expect(result.valid).toBe(true)
      expect(statuses(result.links)).toEqual(['verified', 'verified', 'verified', 'verified'])
      expect(result.links.every((link) => link.signer === 'avatar' && link.reason === '')).toBe(true)
    }
  })

  it('accepts signatures with v = 0/1, as Go and Rust write them', () => {
    const rewritten = chain.map((link) => {
      const bytes = decodeBase64(link.signature, 'signature')
      bytes[64] = (bytes[64] as number) - 27
      return { ...link, signature: encodeBase64(bytes) }
    })
    // The payloads still name the v=27/28 signatures as prev, so only the first link can verify.
    const result = verifyProofChain(avatar, rewritten)
    expect(statuses(result.links)).toEqual(['verified', 'broken-link', 'broken-link', 'broken-link'])
  })

  it('reports another avatar’s chain as signature mismatches', () => {
    const other = formatPublicKey(getPublicKey(new Uint8Array(32).fill(8)), { compressed: true })
    const result = verifyProofChain(other, chain)
    expect(result.valid).toBe(false)
    expect(statuses(result.links)).toEqual(Array(4).fill('signature-mismatch'))
    expect(result.links[0]?.reason).toBe('the signature does not recover to this avatar')
  })

  it('catches a tampered signature, and the link after it no longer chains', () => {
    const bytes = decodeBase64(chain[1]?.signature, 'signature')
    bytes[10] = (bytes[10] as number) ^ 1
    const tampered = chain.map((link, i) => (i === 1 ? { ...link, signature: encodeBase64(bytes) } : link))
    expect(statuses(verifyProofChain(avatar, tampered).links)).toEqual([
      'verified',
      'signature-mismatch',
      'broken-link',
      'verified',
    ])
  })

  it('catches a link whose fields disagree with what was signed', () => {
    const altered = chain.map((link, i) => (i === 0 ? { ...link, identity: 'mallory' } : link))
    const [first] = verifyProofChain(avatar, altered).links
    expect(first?.status).toBe('payload-mismatch')
    expect(first?.reason).toBe('the signed payload says identity "alice"')
  })

  it('catches a dropped or reordered link', () => {
    expect(statuses(verifyProofChain(avatar, [chain[0], chain[2], chain[3]] as typeof chain).links)).toEqual([
      'verified',
      'broken-link',
      'verified',
    ])
    expect(verifyProofChain(avatar, chain.slice(1)).links[0]?.status).toBe('broken-link')
  })

  it('reports a link stored without signature (the reference’s broken-chain bug, §4.5)', () => {
    const broken = chain.map((link, i) => (i === 2 ? { ...link, signature: '' } : link))
    const result = verifyProofChain(avatar, broken)
    expect(result.links[2]).toMatchObject({ status: 'malformed', reason: 'the link has no signature' })
    expect(result.links[3]?.status).toBe('broken-link')
  })

  it('verifies legacy links (no stored payload) over the 4-key form (§5.2)', () => {
    const legacyPayload = buildLegacyProofSignPayload({
      action: 'create',
      platform: 'twitter',
      identity: 'alice',
      prev: null,
    })
    expect(legacyPayload).toBe('{"action":"create","identity":"alice","platform":"twitter","prev":null}')
    const signature = encodeBase64(signPersonalMessage(legacyPayload, avatarKey))
    const legacy = { ...chain[0], signature, signaturePayload: '', uuid: '', createdAt: '1643099438' }
    const result = verifyProofChain(avatar, [legacy] as typeof chain)
    expect(result.links[0]).toMatchObject({ status: 'verified', signedText: legacyPayload })
    const unknown = { ...legacy, platform: 'myspace' }
    expect(verifyProofChain(avatar, [unknown] as typeof chain).links[0]?.status).toBe('malformed')
  })

  it('accepts a wallet revoking its own Ethereum binding (§6.4), and no one else', () => {
    const revoke = buildChain(avatarKey, [
      { action: 'create', platform: 'ethereum', identity: wallet },
      { action: 'delete', platform: 'ethereum', identity: wallet, signer: walletKey },
    ])
    const result = verifyProofChain(avatar, revoke)
    expect(result.valid).toBe(true)
    expect(result.links[1]?.signer).toBe('wallet')
    const stranger = buildChain(avatarKey, [
      { action: 'delete', platform: 'ethereum', identity: wallet, signer: new Uint8Array(32).fill(3) },
    ])
    expect(verifyProofChain(avatar, stranger).links[0]?.status).toBe('signature-mismatch')
    const createByWallet = buildChain(avatarKey, [
      { action: 'create', platform: 'ethereum', identity: wallet, signer: walletKey },
    ])
    expect(verifyProofChain(avatar, createByWallet).links[0]?.status).toBe('signature-mismatch')
  })

  it('refuses a wallet’s delete of a binding no earlier verified create made, or one already revoked', () => {
    const throwaway = buildChain(avatarKey, [
      { action: 'create', platform: 'twitter', identity: 'alice' },
      { action: 'delete', platform: 'ethereum', identity: wallet, signer: walletKey },
    ])
    const result = verifyProofChain(avatar, throwaway)
    expect(result.valid).toBe(false)
    expect(result.links[1]).toMatchObject({
      status: 'signature-mismatch',
      reason: 'the wallet revokes a binding no earlier link of this chain made',
    })
    expect(result.links[1]?.signer).toBeUndefined()
    const twice = buildChain(avatarKey, [
      { action: 'create', platform: 'ethereum', identity: wallet },
      { action: 'delete', platform: 'ethereum', identity: wallet },
      { action: 'delete', platform: 'ethereum', identity: wallet.toUpperCase().replace('0X', '0x'), signer: walletKey },
    ])
    expect(statuses(verifyProofChain(avatar, twice).links)).toEqual(['verified', 'verified', 'signature-mismatch'])
  })

  it('accepts a Solana wallet’s ed25519 delete (§6.5)', async () => {
    const { generateKeyPairSync, sign } = await import('node:crypto')
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const address = encodeBase58(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)))
    const [create, link] = buildChain(avatarKey, [
      { action: 'create', platform: 'solana', identity: address },
      { action: 'delete', platform: 'solana', identity: address },
    ])
    if (!create || !link) throw new Error('no link')
    const walletSigned = {
      ...link,
      signature: encodeBase64(new Uint8Array(sign(null, Buffer.from(link.signaturePayload), privateKey))),
    }
    expect(verifyProofChain(avatar, [create, walletSigned]).links[1]).toMatchObject({
      status: 'verified',
      signer: 'wallet',
    })
    const otherPayload = {
      ...walletSigned,
      signature: encodeBase64(new Uint8Array(sign(null, Buffer.from('x'), privateKey))),
    }
    expect(verifyProofChain(avatar, [create, otherPayload]).links[1]?.status).toBe('signature-mismatch')
  })

  it('rejects malformed input with typed errors naming the field', () => {
    expect(() => verifyProofChain('0x1234', chain)).toThrow(InvalidInputError)
    expect(() => verifyProofChain('0x1234', chain)).toThrow('"avatar" expected 33 or 65 bytes, got 2')
    expect(() => verifyProofChain(avatar, 'links' as never)).toThrow('"links" expected an array of chain links')
    const missing = { ...chain[0], signature: undefined }
    expect(() => verifyProofChain(avatar, [missing] as never)).toThrow(
      '"links[0].signature" expected string, got undefined',
    )
    expect(() => verifyProofChain(avatar, [null] as never)).toThrow('"links[0].action" expected string, got undefined')
  })

  it('reports a payload that is not JSON, and an undecodable signature, as malformed', () => {
    const notJson = { ...chain[0], signaturePayload: 'hello' } as (typeof chain)[number]
    expect(verifyProofChain(avatar, [notJson]).links[0]).toMatchObject({
      status: 'malformed',
      reason: 'the signed payload is not a JSON object',
    })
    const notBase64 = { ...chain[0], signature: `0x${bytesToHex(new Uint8Array(64))}!` } as (typeof chain)[number]
    expect(verifyProofChain(avatar, [notBase64]).links[0]?.reason).toBe('the signature is not base64')
    // Hex happens to be base64 too: it then decodes to the wrong number of bytes.
    const hex = { ...chain[0], signature: `0x${bytesToHex(new Uint8Array(65))}` } as (typeof chain)[number]
    expect(verifyProofChain(avatar, [hex]).links[0]).toMatchObject({
      status: 'malformed',
      reason: 'the signature has 99 bytes, not 65',
    })
  })
})
