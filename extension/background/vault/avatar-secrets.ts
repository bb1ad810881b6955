/** Turns what the user typed (a phrase or a private key) into a vault entry and its avatar id. */
import { avatarId, bytesToHex, getPublicKey, parsePrivateKey } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requireString } from '../../../src/input.js'
import { deriveAvatarKey, validateMnemonic } from '../../../src/vault/index.js'
import type { AvatarSecret } from './vault-document.js'

/** The entry for a BIP-39 phrase (and optional passphrase) at src/vault's avatar path. */
export async function avatarSecretFromPhrase(phrase: unknown, passphrase?: unknown): Promise<AvatarSecret> {
  const words = validateMnemonic(phrase)
  const salt = passphrase === undefined ? '' : requireString(passphrase, 'passphrase')
  const key = await deriveAvatarKey(words, salt)
  key.privateKey.fill(0)
  const id = avatarId(key.publicKey)
  return salt === '' ? { id, kind: 'phrase', phrase: words } : { id, kind: 'phrase', phrase: words, passphrase: salt }
}

/** The entry for a raw secp256k1 private key (hex, with or without 0x). */
export function avatarSecretFromPrivateKey(privateKey: unknown): AvatarSecret {
  if (typeof privateKey === 'string' && privateKey.trim() !== privateKey) {
    return avatarSecretFromPrivateKey(privateKey.trim())
  }
  const bytes = parsePrivateKey(privateKey, 'privateKey')
  try {
    return { id: avatarId(getPublicKey(bytes)), kind: 'private-key', privateKey: bytesToHex(bytes) }
  } finally {
    bytes.fill(0)
  }
}

/** What revealSecret shows: the phrase, or the key as 0x-prefixed hex. */
export function revealAvatarSecret(secret: AvatarSecret): { kind: 'phrase' | 'private-key'; secret: string } {
  if (secret.kind === 'phrase') return { kind: 'phrase', secret: secret.phrase }
  if (secret.privateKey.length !== 64) throw new InvalidInputError('privateKey', 'is damaged')
  return { kind: 'private-key', secret: `0x${secret.privateKey}` }
}

/** The avatar's private key (32 bytes) for signing; the caller zeroes it after use. */
export async function avatarPrivateKey(secret: AvatarSecret): Promise<Uint8Array> {
  if (secret.kind === 'private-key') return parsePrivateKey(secret.privateKey, 'privateKey')
  const key = await deriveAvatarKey(secret.phrase, secret.passphrase ?? '')
  return key.privateKey
}

/** Re-derives an entry's avatar id from its secret (a backup's ids are not trusted). */
export async function deriveAvatarId(secret: AvatarSecret): Promise<string> {
  const key = await avatarPrivateKey(secret)
  try {
    return avatarId(getPublicKey(key))
  } finally {
    key.fill(0)
  }
}
