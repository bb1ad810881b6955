import { secp256k1 } from '@noble/curves/secp256k1.js'
import fc from 'fast-check'
import { getAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../errors.js'
import { parseAddress, toChecksumAddress } from './address.js'
import { bytesToHex, hexToBytes } from './hex.js'
import { addressOf, avatarId, formatPublicKey, getPublicKey, parsePrivateKey, parsePublicKey } from './keys.js'
import vectors from './personal-sign.vectors.json' with { type: 'json' }

const [kat] = vectors.personalSign
if (!kat) throw new Error('missing vector')
const compressed = kat.publicKeyCompressed
const uncompressed = kat.publicKeyUncompressed

describe('parsePublicKey', () => {
  it('accepts every form Next.ID accepts and returns the compressed key', () => {
    const forms = [
      compressed,
      compressed.slice(2),
      compressed.toUpperCase().replace('0X', '0x'),
      `0X${compressed.slice(2)}`,
      uncompressed,
      uncompressed.slice(2).toUpperCase(),
      hexToBytes(uncompressed, 'key'),
    ]
    for (const form of forms) expect(`0x${bytesToHex(parsePublicKey(form))}`).toBe(compressed)
  })

  it.each([
    [42, '"publicKey" expected string, got number'],
    [null, '"publicKey" expected string, got null'],
    ['0x02zz', '"publicKey" expected hex digits (0-9, a-f)'],
    ['0x123', '"publicKey" expected an even number of hex digits, got 3'],
    ['', '"publicKey" expected 33 or 65 bytes, got 0'],
    [`0x${'11'.repeat(64)}`, '"publicKey" expected 33 or 65 bytes, got 64'],
    [`0x04${compressed.slice(4)}`, '"publicKey" expected prefix 02/03 (33 bytes) or 04 (65 bytes), got 04'],
    [`0x05${uncompressed.slice(4)}`, '"publicKey" expected prefix 02/03 (33 bytes) or 04 (65 bytes), got 05'],
    [`0x02${'ff'.repeat(32)}`, '"publicKey" is not a point on secp256k1'],
    [`${uncompressed.slice(0, -2)}68`, '"publicKey" is not a point on secp256k1'],
  ])('rejects %j', (input, message) => {
    expect(() => parsePublicKey(input)).toThrow(InvalidInputError)
    expect(() => parsePublicKey(input)).toThrow(message)
  })

  it('names the caller’s field', () => {
    expect(() => parsePublicKey('xyz', 'public_key')).toThrow('"public_key" expected hex digits (0-9, a-f)')
  })

  it('formats both ways, with and without 0x', () => {
    const key = parsePublicKey(compressed)
    expect(formatPublicKey(key, { compressed: false })).toBe(uncompressed)
    expect(formatPublicKey(key, { compressed: false, prefix: false })).toBe(uncompressed.slice(2))
    expect(avatarId(uncompressed)).toBe(compressed)
  })
})

describe('keys parsed once by every helper', () => {
  // avatarId, formatPublicKey and addressOf decode the key themselves (one point decompression
  // each): they must still accept every form and refuse every bad key exactly as parsePublicKey.
  it('agree with parsePublicKey and viem on every key form of random keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (secret) => {
        fc.pre(secret.some((byte) => byte !== 0) && secret[0] !== 0xff)
        const key = getPublicKey(secret)
        const long = formatPublicKey(key, { compressed: false })
        const short = `0x${bytesToHex(key)}`
        const address = privateKeyToAccount(`0x${bytesToHex(secret)}`).address.toLowerCase()
        for (const form of [key, short, long, long.slice(2).toUpperCase(), hexToBytes(long, 'key')]) {
          expect(avatarId(form)).toBe(short)
          expect(formatPublicKey(form as Uint8Array, { compressed: true })).toBe(short)
          expect(formatPublicKey(form as Uint8Array, { compressed: false, prefix: false })).toBe(long.slice(2))
          expect(addressOf(form as Uint8Array)).toBe(address)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it.each([
    [`0x02${'ff'.repeat(32)}`, 'is not a point on secp256k1'],
    [`${uncompressed.slice(0, -2)}68`, 'is not a point on secp256k1'],
    [`0x05${uncompressed.slice(4)}`, 'expected prefix 02/03 (33 bytes) or 04 (65 bytes), got 05'],
    [new Uint8Array(64), 'expected 33 or 65 bytes, got 64'],
  ])('refuse %j as parsePublicKey does, naming the field', (input, problem) => {
    expect(() => avatarId(input, 'public_key')).toThrow(new InvalidInputError('public_key', problem))
    expect(() => formatPublicKey(input as Uint8Array, { compressed: false })).toThrow(`"publicKey" ${problem}`)
    expect(() => addressOf(input as Uint8Array)).toThrow(`"publicKey" ${problem}`)
  })

  it('remember recent keys without mixing them up: both parities of an x, keys seen in either form (1,000 runs)', () => {
    // The same x with 02 and 03 is two different points (or none); a remembered key must only
    // ever answer for its own compressed bytes, in whichever form it was first seen.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (x, longFirst) => {
        const fresh = (bytes: Uint8Array) => {
          try {
            return bytesToHex(secp256k1.Point.fromBytes(bytes).toBytes(false))
          } catch {
            return 'not a point'
          }
        }
        const parsed = (bytes: Uint8Array) => {
          try {
            return formatPublicKey(bytes, { compressed: false, prefix: false })
          } catch {
            return 'not a point'
          }
        }
        const even = new Uint8Array([2, ...x])
        const odd = new Uint8Array([3, ...x])
        const long = fresh(even)
        if (longFirst && long !== 'not a point') expect(parsed(hexToBytes(long, 'key'))).toBe(long)
        for (const bytes of [even, odd, even, odd]) expect(parsed(bytes)).toBe(fresh(bytes))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('private keys and addresses', () => {
  it.each([
    ['00'.repeat(32), '"privateKey" is not a valid secp256k1 secret key'],
    ['ff'.repeat(32), '"privateKey" is not a valid secp256k1 secret key'],
    ['11'.repeat(31), '"privateKey" expected 32 bytes, got 31'],
    [new Uint8Array(33), '"privateKey" expected 32 bytes, got 33'],
    [undefined, '"privateKey" expected string, got undefined'],
  ])('parsePrivateKey rejects %j', (input, message) => {
    expect(() => parsePrivateKey(input)).toThrow(message)
  })

  it('derives the same address as viem for random keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        fc.pre(key.some((byte) => byte !== 0) && key[0] !== 0xff)
        const account = privateKeyToAccount(`0x${bytesToHex(key)}`)
        const address = addressOf(getPublicKey(key))
        expect(address).toBe(account.address.toLowerCase())
        expect(toChecksumAddress(address)).toBe(account.address)
        expect(getAddress(address)).toBe(toChecksumAddress(address))
        expect(parseAddress(account.address)).toBe(address)
      }),
      { numRuns: 1000 },
    )
  })

  it('parseAddress accepts all-lower and all-upper case and rejects a broken checksum', () => {
    expect(parseAddress(kat.address)).toBe(kat.address)
    expect(parseAddress(`0x${kat.address.slice(2).toUpperCase()}`)).toBe(kat.address)
    const checksummed = toChecksumAddress(kat.address)
    const broken = checksummed.replace(/[a-f]/, (c) => c.toUpperCase())
    expect(() => parseAddress(broken)).toThrow('"address" has a wrong EIP-55 checksum')
    expect(() => parseAddress('0x1234')).toThrow('"address" expected 0x and 40 hex digits')
    expect(() => parseAddress(kat.address.slice(2))).toThrow('"address" expected 0x and 40 hex digits')
  })
})
