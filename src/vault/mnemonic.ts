/**
 * BIP-39 backup phrases for avatars (English wordlist), and the avatar key they stand for: BIP-32 at
 * m/44'/60'/0'/0/0 — the path Mask Network derives personas at and MetaMask its first account, so
 * a Mask persona phrase imports to the same avatar.
 */
import { HDKey } from '@scure/bip32'
import {
  generateMnemonic as generateBip39Mnemonic,
  validateMnemonic as hasValidChecksum,
  mnemonicToSeedWebcrypto,
} from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { InvalidInputError } from '../errors.js'
import { describeValue, requireString } from '../input.js'

/** The BIP-32 path of the avatar key (Mask personas, MetaMask's first account). */
export const AVATAR_DERIVATION_PATH = "m/44'/60'/0'/0/0"

/** An avatar key pair recovered from a phrase. */
export type AvatarKey = { privateKey: Uint8Array; publicKey: Uint8Array; path: typeof AVATAR_DERIVATION_PATH }

const WORD_COUNTS = [12, 15, 18, 21, 24]
let knownWords: ReadonlySet<string> | undefined

/** A fresh random phrase of 12 words (128-bit entropy) or 24 words (256-bit). */
export function generateMnemonic(words: 12 | 24): string {
  if (words !== 12 && words !== 24) {
    const got = typeof words === 'number' ? String(words) : describeValue(words)
    throw new InvalidInputError('words', `expected 12 or 24, got ${got}`)
  }
  return generateBip39Mnemonic(wordlist, words === 12 ? 128 : 256)
}

/** Checks a typed or pasted phrase and returns it normalised (NFKD, lowercase, single spaces). */
export function validateMnemonic(phrase: unknown): string {
  // NFKD as BIP-39 hashes it; lowercase and whitespace folding forgive how people type and paste.
  const text = requireString(phrase, 'mnemonic').normalize('NFKD').toLowerCase().trim()
  const words = text === '' ? [] : text.split(/\s+/)
  if (!WORD_COUNTS.includes(words.length)) {
    throw new InvalidInputError('mnemonic', `expected 12, 15, 18, 21 or 24 words, got ${words.length}`)
  }
  knownWords ??= new Set(wordlist)
  const unknown = words.findIndex((word) => !knownWords?.has(word))
  if (unknown !== -1) {
    const word = words[unknown] ?? ''
    throw new InvalidInputError('mnemonic', `has unknown word "${word.slice(0, 20)}" at position ${unknown + 1}`)
  }
  const normalised = words.join(' ')
  if (!hasValidChecksum(normalised, wordlist)) {
    throw new InvalidInputError('mnemonic', 'has a bad checksum: a word is wrong or out of order')
  }
  return normalised
}

/** The avatar key of a phrase (and optional BIP-39 passphrase) at AVATAR_DERIVATION_PATH. */
export async function deriveAvatarKey(phrase: unknown, passphrase: unknown = ''): Promise<AvatarKey> {
  const words = validateMnemonic(phrase)
  // Not trimmed or case-folded: the passphrase is a secret in its own right (BIP-39 only NFKDs it).
  const salt = requireString(passphrase, 'passphrase')
  const seed = await mnemonicToSeedWebcrypto(words, salt)
  const root = HDKey.fromMasterSeed(seed)
  seed.fill(0)
  const child = root.derive(AVATAR_DERIVATION_PATH)
  root.wipePrivateData()
  const { privateKey, publicKey } = child
  if (!privateKey || !publicKey) throw new Error('BIP-32 derivation returned no key') // unreachable from a seed
  const avatar: AvatarKey = {
    privateKey: privateKey.slice(),
    publicKey: publicKey.slice(),
    path: AVATAR_DERIVATION_PATH,
  }
  child.wipePrivateData()
  return avatar
}
