import { generateKeyPairSync, sign } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase58, encodeBase58 } from './base58.js'
import { verifySolanaSignature } from './solana.js'

// Node's own ed25519 (OpenSSL) is the independent implementation here.
function nodeKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  return { address: encodeBase58(new Uint8Array(raw)), privateKey }
}

describe('Solana wallet signatures (§6.5)', () => {
  const { address, privateKey } = nodeKeyPair()

  it('verifies ed25519 signatures made by OpenSSL over the raw UTF-8 payload', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (message) => {
        const signature = encodeBase58(new Uint8Array(sign(null, Buffer.from(message, 'utf8'), privateKey)))
        expect(verifySolanaSignature(message, signature, address)).toBe(true)
        expect(verifySolanaSignature(`${message}.`, signature, address)).toBe(false)
      }),
      { numRuns: 1000 },
    )
  })

  it('rejects another key’s signature', () => {
    const other = nodeKeyPair()
    const signature = encodeBase58(new Uint8Array(sign(null, Buffer.from('payload'), other.privateKey)))
    expect(verifySolanaSignature('payload', signature, address)).toBe(false)
  })

  it('names the field for malformed base58 and wrong lengths', () => {
    expect(() => verifySolanaSignature('x', '0OIl', address)).toThrow(
      '"wallet_signature" expected base58 (Bitcoin alphabet)',
    )
    expect(() => verifySolanaSignature('x', encodeBase58(new Uint8Array(63)), address)).toThrow(
      '"wallet_signature" expected 64 bytes, got 63',
    )
    expect(() => verifySolanaSignature('x', encodeBase58(new Uint8Array(64)), 'abc')).toThrow(
      '"address" expected 32 bytes',
    )
    expect(() => decodeBase58('', 'identity')).toThrow('"identity" expected base58, got an empty string')
  })
})
