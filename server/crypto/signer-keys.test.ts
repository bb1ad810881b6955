import { secp256k1 } from '@noble/curves/secp256k1.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addressOf,
  avatarId,
  bytesToHex,
  formatPublicKey,
  getPublicKey,
  recoverPersonalSigner,
  signPersonalMessage,
  verifyPersonalSignature,
} from '../../src/crypto/index.js'
import {
  loadSecp256k1Backend,
  NATIVE_NAME,
  NOBLE_NAME,
  nobleBackend,
  type Secp256k1Backend,
  secp256k1Backend,
} from './secp256k1-backend.js'
import { addressOfSigner, isSignedBy, parseSignerKey, recoverSigner } from './signer-keys.js'

const native = loadSecp256k1Backend()
const noble = nobleBackend()
const BACKENDS: Secp256k1Backend[] = [native.backend, noble]

const N = secp256k1.Point.CURVE().n
const P = secp256k1.Point.CURVE().p
const secretKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((key) => secp256k1.utils.isValidSecretKey(key))
const message = fc.string({ maxLength: 200, unit: 'binary' })

/** src/crypto's answer for a recovery: the compressed key's id, or the error message. */
function reference(text: string, signature: Uint8Array): string {
  try {
    return avatarId(recoverPersonalSigner(text, signature))
  } catch (error) {
    return (error as Error).message
  }
}

function recoveredBy(backend: Secp256k1Backend, text: string, signature: Uint8Array): string {
  try {
    return recoverSigner(text, signature, 'signature', backend).id
  } catch (error) {
    return (error as Error).message
  }
}

function scalar(value: bigint): Uint8Array {
  return secp256k1.Point.Fn.toBytes(value % 2n ** 256n)
}

function signatureOf(r: Uint8Array, s: Uint8Array, v: number): Uint8Array {
  const signature = new Uint8Array(65)
  signature.set(r, 0)
  signature.set(s, 32)
  signature[64] = v
  return signature
}

describe('the secp256k1 backend', () => {
  it('is native libsecp256k1 here (the prebuilt linux-x64 addon ships with secp256k1@5)', () => {
    expect(native.nativeError).toBeNull()
    expect(native.backend.name).toBe(NATIVE_NAME)
    expect(secp256k1Backend.name).toBe(NATIVE_NAME)
  })

  it('falls back to noble, saying why, when the native addon does not load', () => {
    const loaded = loadSecp256k1Backend(() => {
      throw new Error('No native build was found')
    })
    expect(loaded.backend.name).toBe(NOBLE_NAME)
    expect(loaded.nativeError).toBe('No native build was found')
  })

  it('runs the fallback on purpose with SECP256K1_NATIVE=off', () => {
    const loaded = loadSecp256k1Backend(undefined, { SECP256K1_NATIVE: 'off' })
    expect(loaded.backend.name).toBe(NOBLE_NAME)
    expect(loaded.nativeError).toBe('turned off by SECP256K1_NATIVE=off')
  })
})

describe('recoverSigner: native and noble recover what src/crypto recovers', () => {
  it('the same key, id and address for random keys and messages (1,000 runs)', () => {
    fc.assert(
      fc.property(secretKey, message, fc.boolean(), (key, text, v0) => {
        const signature = signPersonalMessage(text, key)
        if (v0) signature[64] = (signature[64] as number) - 27
        const expected = getPublicKey(key)
        for (const backend of BACKENDS) {
          const signer = recoverSigner(text, signature, 'signature', backend)
          expect(signer.id).toBe(avatarId(expected))
          expect(bytesToHex(signer.uncompressed)).toBe(formatPublicKey(expected, { compressed: false, prefix: false }))
          expect(addressOfSigner(signer)).toBe(addressOf(expected))
          expect(isSignedBy(text, signature, parseSignerKey(expected, 'publicKey', backend))).toBe(true)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('the same answer, key or refusal, for random signature bytes (1,000 runs)', () => {
    fc.assert(
      fc.property(
        message,
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.constantFrom(0, 1, 27, 28),
        (text, rs, v) => {
          const signature = signatureOf(rs.subarray(0, 32), rs.subarray(32), v)
          const expected = reference(text, signature)
          for (const backend of BACKENDS) expect(recoveredBy(backend, text, signature)).toBe(expected)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('the same refusals at the edges: r or s zero, n or above, r not an x on the curve, high s', () => {
    const key = new Uint8Array(32).fill(7)
    const good = signPersonalMessage('edge', key)
    const r = good.subarray(0, 32)
    const s = good.subarray(32, 64)
    const highS = scalar(N - BigInt(`0x${bytesToHex(s)}`))
    const cases = [
      signatureOf(scalar(0n), s, 27),
      signatureOf(r, scalar(0n), 27),
      signatureOf(scalar(N), s, 27),
      signatureOf(r, scalar(N), 28),
      signatureOf(scalar(P - 1n), s, 27),
      signatureOf(scalar(2n ** 256n - 1n), s, 28),
      signatureOf(r, highS, good[64] as number),
      signatureOf(r, highS, 55 - (good[64] as number)),
      signatureOf(scalar(5n), scalar(1n), 27),
    ]
    for (const signature of cases) {
      const expected = reference('edge', signature)
      for (const backend of BACKENDS) expect(recoveredBy(backend, 'edge', signature)).toBe(expected)
    }
  })

  it('refuses a v other than 0, 1, 27 or 28 with src/crypto’s error, before any arithmetic', () => {
    const signature = signPersonalMessage('v', new Uint8Array(32).fill(3))
    signature[64] = 29
    expect(() => recoverSigner('v', signature)).toThrow(
      '"signature" expected recovery byte v of 0, 1, 27 or 28, got 29',
    )
    expect(() => isSignedBy('v', signature, parseSignerKey(getPublicKey(new Uint8Array(32).fill(3))))).toThrow(
      'expected recovery byte v',
    )
  })
})

describe('isSignedBy agrees with verifyPersonalSignature', () => {
  it('for the signer, another key, and a tampered message (300 runs)', () => {
    fc.assert(
      fc.property(secretKey, secretKey, message, (key, other, text) => {
        const signature = signPersonalMessage(text, key)
        for (const candidate of [key, other]) {
          const publicKey = getPublicKey(candidate)
          for (const checked of [text, `${text}!`]) {
            const expected = verifyPersonalSignature(checked, signature, publicKey)
            for (const backend of BACKENDS) {
              expect(isSignedBy(checked, signature, parseSignerKey(publicKey, 'publicKey', backend))).toBe(expected)
            }
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('parseSignerKey accepts and refuses what avatarId does, with its messages', () => {
  const answerOf = (parse: () => string) => {
    try {
      return parse()
    } catch (error) {
      return (error as Error).message
    }
  }

  it('random compressed candidates, half of them off the curve (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 3), fc.uint8Array({ minLength: 32, maxLength: 32 }), (prefix, x) => {
        const bytes = new Uint8Array([prefix, ...x])
        const expected = answerOf(() => avatarId(bytes))
        for (const backend of BACKENDS)
          expect(answerOf(() => parseSignerKey(bytes, 'publicKey', backend).id)).toBe(expected)
      }),
      { numRuns: 1000 },
    )
  })

  it('real keys in every text form, and malformed ones', () => {
    const key = getPublicKey(new Uint8Array(32).fill(9))
    const uncompressed = formatPublicKey(key, { compressed: false })
    const notOnCurve = `04${uncompressed.slice(4, -2)}${uncompressed.endsWith('0') ? '1' : '0'}`
    const inputs: unknown[] = [
      formatPublicKey(key, { compressed: true }),
      formatPublicKey(key, { compressed: true, prefix: false }).toUpperCase(),
      uncompressed,
      `0x${notOnCurve}`,
      `0x06${uncompressed.slice(4)}`,
      `0x05${'1'.repeat(64)}`,
      '0x02',
      '0x0g',
      '',
      42,
      new Uint8Array(64),
    ]
    for (const input of inputs) {
      const expected = answerOf(() => avatarId(input, 'public_key'))
      for (const backend of BACKENDS) {
        expect(answerOf(() => parseSignerKey(input, 'public_key', backend).id)).toBe(expected)
      }
    }
  })
})
