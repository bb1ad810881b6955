import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { hashMessage, recoverMessageAddress, verifyMessage } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../errors.js'
import { decodeBase64, encodeBase64 } from './base64.js'
import { bytesToHex, hexToBytes } from './hex.js'
import { addressOf, avatarId, formatPublicKey, getPublicKey, parsePrivateKey } from './keys.js'
import {
  hashPersonalMessage,
  recoverPersonalSigner,
  signPersonalMessage,
  verifyPersonalSignature,
  verifyWalletSignature,
} from './personal-sign.js'
import vectors from './personal-sign.vectors.json' with { type: 'json' }

const [kat] = vectors.personalSign
if (!kat) throw new Error('missing vector')
const katKey = hexToBytes(kat.secretKey, 'secretKey')

describe('personal_sign known answers (§3.7)', () => {
  it('hashes plain keccak256', () => {
    for (const { input, hash } of vectors.keccak) {
      expect(bytesToHex(keccak_256(new TextEncoder().encode(input)))).toBe(hash)
    }
  })

  it('derives the public keys and address of the test key', () => {
    const publicKey = getPublicKey(katKey)
    expect(formatPublicKey(publicKey, { compressed: true })).toBe(kat.publicKeyCompressed)
    expect(formatPublicKey(publicKey, { compressed: false })).toBe(kat.publicKeyUncompressed)
    expect(addressOf(publicKey)).toBe(kat.address)
  })

  it('computes the EIP-191 digest over the byte length', () => {
    expect(bytesToHex(hashPersonalMessage(kat.message))).toBe(kat.digest)
  })

  it('signs to the published signature (r, s equal; v as a wallet writes it)', () => {
    const signature = signPersonalMessage(kat.message, katKey)
    expect(encodeBase64(signature)).toBe(kat.signatureBase64V27)
    expect(`0x${bytesToHex(signature.subarray(0, 64))}00`).toBe(kat.signatureHexV0)
  })

  it('recovers the test key from both v forms', () => {
    for (const text of [kat.signatureBase64V0, kat.signatureBase64V27]) {
      const signature = decodeBase64(text, 'signature')
      expect(avatarId(recoverPersonalSigner(kat.message, signature))).toBe(kat.publicKeyCompressed)
      expect(verifyPersonalSignature(kat.message, signature, kat.publicKeyUncompressed)).toBe(true)
      expect(verifyWalletSignature(kat.message, signature, kat.address)).toBe(true)
    }
  })

  it('accepts v = 1 and 28 as the other recovery id, and refuses any other v', () => {
    const signature = decodeBase64(kat.signatureBase64V0, 'signature')
    for (const v of [1, 28]) {
      const flipped = signature.slice()
      flipped[64] = v
      expect(verifyPersonalSignature(kat.message, flipped, kat.publicKeyCompressed)).toBe(false)
    }
    for (const v of [2, 26, 29, 35, 255]) {
      const bad = signature.slice()
      bad[64] = v
      expect(() => recoverPersonalSigner(kat.message, bad)).toThrow(
        new InvalidInputError('signature', `expected recovery byte v of 0, 1, 27 or 28, got ${v}`),
      )
    }
  })

  it('rejects a signature of the wrong length, naming the field', () => {
    expect(() => recoverPersonalSigner(kat.message, new Uint8Array(64))).toThrow(
      '"signature" expected 65 bytes, got 64',
    )
    expect(() => recoverPersonalSigner(kat.message, 'vBT+', 'extra.signature')).toThrow(
      '"extra.signature" expected Uint8Array, got string of length 4',
    )
  })

  it('treats a signature that recovers to no key as invalid, not as a crash', () => {
    const zero = new Uint8Array(65)
    expect(verifyPersonalSignature(kat.message, zero, kat.publicKeyCompressed)).toBe(false)
    expect(() => recoverPersonalSigner(kat.message, zero)).toThrow(InvalidInputError)
  })
})

/** Text that stresses UTF-8 length and Go's escapes: emoji, CJK, <>&, U+2028/2029, controls. */
const trickyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('🎭', '😀', '中', '文', '<', '>', '&', '\u2028', '\u2029', '"', '\\', '\n', '\u0000', 'é'),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
  ),
  maxLength: 60,
})
const secretKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((bytes) => {
  try {
    parsePrivateKey(bytes)
    return true
  } catch {
    return false
  }
})

describe('personal_sign against viem (independent implementation)', () => {
  it('our digest equals viem hashMessage', () => {
    fc.assert(
      fc.property(trickyText, (message) => {
        expect(`0x${bytesToHex(hashPersonalMessage(message))}`).toBe(hashMessage(message))
      }),
      { numRuns: 1000 },
    )
  })

  it('our signatures verify with viem, byte for byte equal to its own', async () => {
    await fc.assert(
      fc.asyncProperty(trickyText, secretKey, async (message, key) => {
        const account = privateKeyToAccount(`0x${bytesToHex(key)}`)
        const ours = `0x${bytesToHex(signPersonalMessage(message, key))}` as const
        expect(ours).toBe(await account.signMessage({ message }))
        expect(await verifyMessage({ address: account.address, message, signature: ours })).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it('viem signatures recover with ours', async () => {
    await fc.assert(
      fc.asyncProperty(trickyText, secretKey, async (message, key) => {
        const account = privateKeyToAccount(`0x${bytesToHex(key)}`)
        const theirs = hexToBytes(await account.signMessage({ message }), 'signature')
        expect(addressOf(recoverPersonalSigner(message, theirs))).toBe(account.address.toLowerCase())
        expect(verifyPersonalSignature(message, theirs, getPublicKey(key))).toBe(true)
        expect(await recoverMessageAddress({ message, signature: theirs })).toBe(account.address)
      }),
      { numRuns: 1000 },
    )
  })
})
