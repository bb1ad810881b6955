/**
 * Test helper: fixed keys for real signatures in ProofService and validator tests (never mocked).
 * TEST_AVATAR_KEY is the publicly known key of nextid-protocol.md §3.7; the others are arbitrary
 * fixed scalars. Test use only.
 */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto'
import {
  addressOf,
  avatarId,
  encodeBase58,
  encodeBase64,
  getPublicKey,
  hexToBytes,
  signPersonalMessage,
} from '../../../../src/crypto/index.js'
import { TEST_PRIVATE_KEY_HEX } from '../../src/protocol/test-keys.js'

export const AVATAR_KEY = hexToBytes(TEST_PRIVATE_KEY_HEX, 'key')
export const AVATAR = avatarId(getPublicKey(AVATAR_KEY))
export const OTHER_AVATAR_KEY = new Uint8Array(32).fill(0x11)
export const OTHER_AVATAR = avatarId(getPublicKey(OTHER_AVATAR_KEY))
export const WALLET_KEY = new Uint8Array(32).fill(0x22)
export const WALLET_ADDRESS = addressOf(getPublicKey(WALLET_KEY))

/** Base64 of a personal_sign by `key`, as `extra.signature` / ethereum `wallet_signature` carry it. */
export function signBase64(message: string, key: Uint8Array): string {
  return encodeBase64(signPersonalMessage(message, key))
}

/** A Solana wallet from a fixed seed, signing with node:crypto's ed25519 (independent of src/). */
export function solanaWallet(seedByte: number) {
  // PKCS#8 wrapping of a raw 32-byte ed25519 seed (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, seedByte)])
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' })
  const address = encodeBase58(new Uint8Array(Buffer.from(jwk.x as string, 'base64url')))
  return {
    address,
    /** Base58 ed25519 signature over the raw UTF-8 bytes of `message` (§6.5). */
    sign: (message: string) => encodeBase58(new Uint8Array(sign(null, Buffer.from(message, 'utf8'), privateKey))),
  }
}
