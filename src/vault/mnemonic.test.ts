import { entropyToMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import fc from 'fast-check'
import { mnemonicToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { toChecksumAddress } from '../crypto/address.js'
import { bytesToHex } from '../crypto/hex.js'
import { addressOf, formatPublicKey, getPublicKey } from '../crypto/keys.js'
import { InvalidInputError } from '../errors.js'
import { AVATAR_DERIVATION_PATH, deriveAvatarKey, generateMnemonic, validateMnemonic } from './mnemonic.js'

// The BIP-39 test phrase (entropy of zeros); its first Ethereum account is widely published.
const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
const ABOUT_ADDRESS = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'

function invalid(problem: string): InvalidInputError {
  return new InvalidInputError('mnemonic', problem)
}

describe('deriveAvatarKey', () => {
  it('derives the published first account of the BIP-39 test phrase, as viem does', async () => {
    const avatar = await deriveAvatarKey(ABOUT)
    expect(avatar.path).toBe("m/44'/60'/0'/0/0")
    expect(toChecksumAddress(addressOf(avatar.publicKey))).toBe(ABOUT_ADDRESS)
    expect(avatar.publicKey).toEqual(getPublicKey(avatar.privateKey))
    expect(avatar.publicKey).toHaveLength(33)
    const account = mnemonicToAccount(ABOUT)
    expect(account.address).toBe(ABOUT_ADDRESS)
    expect(formatPublicKey(avatar.publicKey, { compressed: false })).toBe(account.publicKey)
  })

  it('uses the passphrase (BIP-39 "25th word"), NFKD-normalised and not trimmed, as viem does', async () => {
    const plain = await deriveAvatarKey(ABOUT)
    const withPassphrase = await deriveAvatarKey(ABOUT, 'TREZOR')
    expect(withPassphrase.privateKey).not.toEqual(plain.privateKey)
    expect(addressOf(withPassphrase.publicKey)).toBe(
      mnemonicToAccount(ABOUT, { passphrase: 'TREZOR' }).address.toLowerCase(),
    )
    const composed = await deriveAvatarKey(ABOUT, 'caf\u00e9')
    expect((await deriveAvatarKey(ABOUT, 'cafe\u0301')).privateKey).toEqual(composed.privateKey)
    expect((await deriveAvatarKey(ABOUT, ' caf\u00e9')).privateKey).not.toEqual(composed.privateKey)
  })

  it('matches viem for random phrases of every length, however they are typed (property)', async () => {
    // Each run derives two BIP-39 seeds (PBKDF2-SHA512, 2,048 rounds): 1,000 runs took 31–46 s on a
    // busy CI machine, close to the test timeout; 300 still cover every length, spacing and case.
    const entropy = fc
      .constantFrom(16, 20, 24, 28, 32)
      .chain((length) => fc.uint8Array({ minLength: length, maxLength: length }))
    const spacing = fc.array(fc.constantFrom(' ', '  ', '\t', '\n', ' \u3000'), { minLength: 24, maxLength: 24 })
    await fc.assert(
      fc.asyncProperty(entropy, spacing, fc.boolean(), async (bytes, gaps, upper) => {
        const phrase = entropyToMnemonic(bytes, wordlist)
        const typed = ` ${phrase.split(' ').reduce((text, word, index) => `${text}${gaps[index]}${word}`)}\n`
        const avatar = await deriveAvatarKey(upper ? typed.toUpperCase() : typed)
        const account = mnemonicToAccount(phrase)
        expect(bytesToHex(avatar.privateKey)).toBe(bytesToHex(account.getHdKey().privateKey ?? new Uint8Array()))
        expect(formatPublicKey(avatar.publicKey, { compressed: false })).toBe(account.publicKey)
      }),
      { numRuns: 300 },
    )
  })

  it('refuses a bad phrase or a non-string passphrase', async () => {
    await expect(deriveAvatarKey('abandon about')).rejects.toThrow(
      invalid('expected 12, 15, 18, 21 or 24 words, got 2'),
    )
    await expect(deriveAvatarKey(ABOUT, 7)).rejects.toThrow(
      new InvalidInputError('passphrase', 'expected string, got number'),
    )
  })
})

describe('validateMnemonic', () => {
  it('returns the phrase trimmed, lowercased, single-spaced and NFKD-normalised', () => {
    const messy = `\n  ${ABOUT.toUpperCase().replaceAll(' ', ' \t ')}  `
    expect(validateMnemonic(messy)).toBe(ABOUT)
    // Full-width letters from an IME fold to ASCII under NFKD.
    const fullWidth = ABOUT.replace('about', '\uff41\uff42\uff4f\uff55\uff54')
    expect(validateMnemonic(fullWidth)).toBe(ABOUT)
  })

  it('accepts 12, 15, 18, 21 and 24 words', () => {
    for (const length of [16, 20, 24, 28, 32]) {
      const phrase = entropyToMnemonic(new Uint8Array(length).fill(0x7f), wordlist)
      expect(validateMnemonic(phrase)).toBe(phrase)
    }
  })

  it('explains a wrong word count', () => {
    expect(() => validateMnemonic('')).toThrow(invalid('expected 12, 15, 18, 21 or 24 words, got 0'))
    expect(() => validateMnemonic(`${ABOUT} abandon`)).toThrow(invalid('expected 12, 15, 18, 21 or 24 words, got 13'))
  })

  it('names an unknown word and its position', () => {
    const typo = ABOUT.replace('abandon abandon abandon', 'abandon abandon abandn')
    expect(() => validateMnemonic(typo)).toThrow(invalid('has unknown word "abandn" at position 3'))
    const long = ABOUT.replace('about', 'x'.repeat(200))
    expect(() => validateMnemonic(long)).toThrow(invalid(`has unknown word "${'x'.repeat(20)}" at position 12`))
  })

  it('reports a bad checksum', () => {
    const wrong = ABOUT.replace('about', 'abandon')
    expect(() => validateMnemonic(wrong)).toThrow(invalid('has a bad checksum: a word is wrong or out of order'))
  })

  it('refuses a value that is not a string', () => {
    expect(() => validateMnemonic(ABOUT.split(' '))).toThrow(invalid('expected string, got array'))
  })
})

describe('generateMnemonic', () => {
  it('generates valid, distinct 12- and 24-word phrases', () => {
    for (const words of [12, 24] as const) {
      const phrase = generateMnemonic(words)
      expect(phrase.split(' ')).toHaveLength(words)
      expect(validateMnemonic(phrase)).toBe(phrase)
      expect(generateMnemonic(words)).not.toBe(phrase)
    }
  })

  it('refuses other lengths', () => {
    expect(() => generateMnemonic(18 as never)).toThrow(new InvalidInputError('words', 'expected 12 or 24, got 18'))
    expect(() => generateMnemonic('12' as never)).toThrow(
      new InvalidInputError('words', 'expected 12 or 24, got string of length 2'),
    )
  })

  it('derives an avatar from a fresh phrase at the documented path', async () => {
    const avatar = await deriveAvatarKey(generateMnemonic(24))
    expect(avatar.path).toBe(AVATAR_DERIVATION_PATH)
    expect(avatar.privateKey).toHaveLength(32)
  })
})
