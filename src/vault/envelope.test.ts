import { createDecipheriv, createHash, hkdfSync, pbkdf2Sync } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from '../crypto/base64.js'
import { bytesToHex, hexToBytes } from '../crypto/hex.js'
import { CorruptEnvelopeError, InvalidInputError, WrongPasswordError } from '../errors.js'
import {
  DEFAULT_PBKDF2_ITERATIONS,
  deriveVaultKey,
  openSecret,
  openSecretWithKey,
  resealSecretWithKey,
  sealSecret,
} from './envelope.js'
import vector from './envelope.vectors.json' with { type: 'json' }
import type { VaultEnvelope } from './envelope-format.js'
import { exportVaultKey, forgetVaultKey, importVaultKey, type VaultKey } from './vault-key.js'

// The lowest count an envelope may be read with: fast enough for tests where the count does not matter.
const FAST = { iterations: 100_000 }
const PASSWORD = 'correct horse battery staple'
const SECRET = new TextEncoder().encode('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318')

// biome-ignore lint/suspicious/noExplicitAny: the tests edit envelopes into every wrong shape
type Loose = Record<string, any>

let sealed: VaultEnvelope
let sealedKey: VaultKey
beforeAll(async () => {
  sealed = await sealSecret(SECRET, PASSWORD, FAST)
  sealedKey = await deriveVaultKey(PASSWORD, sealed)
})

/** A deep copy of the shared envelope, edited by `edit`. */
function edited(edit: (envelope: Loose) => void): unknown {
  const copy = structuredClone(sealed) as Loose
  edit(copy)
  return copy
}

function flipBit(base64: string, index: number, mask = 1): string {
  const bytes = decodeBase64(base64, 'test')
  bytes[index] = (bytes[index] ?? 0) ^ mask
  return encodeBase64(bytes)
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

async function expectCorrupt(promise: Promise<unknown>, problem: string): Promise<void> {
  const error = await rejectionOf(promise)
  expect(error).toBeInstanceOf(CorruptEnvelopeError)
  expect(error.message).toBe(`vault envelope is corrupt: ${problem}`)
}

async function expectInvalid(promise: Promise<unknown>, message: string): Promise<void> {
  const error = await rejectionOf(promise)
  expect(error).toBeInstanceOf(InvalidInputError)
  expect(error.message).toBe(message)
}

/** The envelope format, read by node:crypto alone: an independent implementation of the same spec. */
function openWithNodeCrypto(envelope: VaultEnvelope, password: string): Buffer {
  const { kdf, cipher } = envelope
  const salt = Buffer.from(kdf.salt, 'base64')
  const ikm = pbkdf2Sync(Buffer.from(password.normalize('NFKC')), salt, kdf.iterations, 32, 'sha256')
  const subkey = (info: string) => Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), info, 32))
  expect(subkey('nextid-companion vault v1 key check').toString('base64')).toBe(envelope.check)
  const header = `{"version":1,"kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":${kdf.iterations},"salt":"${kdf.salt}"},"cipher":{"name":"AES-GCM","iv":"${cipher.iv}"},"check":"${envelope.check}"}`
  expect(createHash('sha256').update(header).digest('base64')).toBe(envelope.headerHash)
  const sealedBytes = Buffer.from(envelope.ciphertext, 'base64')
  const decipher = createDecipheriv(
    'aes-256-gcm',
    subkey('nextid-companion vault v1 aes-256-gcm key'),
    Buffer.from(cipher.iv, 'base64'),
  )
  decipher.setAAD(Buffer.from(header))
  decipher.setAuthTag(sealedBytes.subarray(-16))
  return Buffer.concat([decipher.update(sealedBytes.subarray(0, -16)), decipher.final()])
}

describe('sealSecret / openSecret', () => {
  it('round-trips a secret through a JSON-serialisable envelope', async () => {
    const stored = JSON.parse(JSON.stringify(sealed))
    const opened = await openSecret(stored, PASSWORD, FAST)
    expect(opened.secret).toEqual(SECRET)
    expect(opened.upgraded).toBeUndefined()
    expect(await openSecretWithKey(stored, opened.key)).toEqual(SECRET)
  })

  it('writes the documented shape with a fresh 16-byte salt and 12-byte IV each time', async () => {
    const again = await sealSecret(SECRET, PASSWORD, FAST)
    expect(Object.keys(again)).toEqual(['version', 'kdf', 'cipher', 'check', 'headerHash', 'ciphertext'])
    expect(again).toMatchObject({ version: 1, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 100_000 } })
    expect(again.cipher.name).toBe('AES-GCM')
    expect(decodeBase64(again.kdf.salt, 'salt')).toHaveLength(16)
    expect(decodeBase64(again.cipher.iv, 'iv')).toHaveLength(12)
    expect(decodeBase64(again.ciphertext, 'ciphertext')).toHaveLength(SECRET.length + 16)
    expect(again.kdf.salt).not.toBe(sealed.kdf.salt)
    expect(again.cipher.iv).not.toBe(sealed.cipher.iv)
    expect(again.ciphertext).not.toBe(sealed.ciphertext)
  })

  it('seals with 600,000 iterations by default, readable by node:crypto', async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBe(600_000)
    const envelope = await sealSecret(SECRET, PASSWORD)
    expect(envelope.kdf.iterations).toBe(600_000)
    expect(new Uint8Array(openWithNodeCrypto(envelope, PASSWORD))).toEqual(SECRET)
  })

  it('opens the pinned envelope made by node:crypto alone, with the password in NFC or NFD', async () => {
    expect(vector.password).not.toBe(vector.passwordNfd)
    for (const password of [vector.password, vector.passwordNfd]) {
      const opened = await openSecret(vector.envelope, password, FAST)
      expect(new TextDecoder().decode(opened.secret)).toBe(vector.secretText)
      expect(bytesToHex(exportVaultKey(opened.key))).toBe(vector.vaultKeyHex)
    }
  })

  it('normalises passwords with NFKC (full-width digits from an IME unlock too)', async () => {
    const envelope = await sealSecret(SECRET, 'ｐａｓｓ１２３', FAST)
    expect((await openSecret(envelope, 'pass123', FAST)).secret).toEqual(SECRET)
  })

  it('refuses a wrong password with WrongPasswordError', async () => {
    const error = await rejectionOf(openSecret(sealed, 'Correct horse battery staple', FAST))
    expect(error).toBeInstanceOf(WrongPasswordError)
    expect(error.message).toBe('wrong password')
    expect((error as WrongPasswordError).code).toBe('WRONG_PASSWORD')
  })
})

describe('upgrade on unlock', () => {
  it('re-seals a 100,000-iteration envelope at 600,000 with a fresh salt, openable by the same password', async () => {
    const opened = await openSecret(sealed, PASSWORD)
    expect(opened.secret).toEqual(SECRET)
    const upgraded = opened.upgraded
    if (!upgraded) throw new Error('expected an upgraded envelope')
    expect(upgraded.kdf.iterations).toBe(600_000)
    expect(upgraded.kdf.salt).not.toBe(sealed.kdf.salt)
    // The key returned belongs to the upgraded envelope, not to the one given.
    expect(await openSecretWithKey(upgraded, opened.key)).toEqual(SECRET)
    await expect(openSecretWithKey(sealed, opened.key)).rejects.toBeInstanceOf(WrongPasswordError)
    const reopened = await openSecret(upgraded, PASSWORD)
    expect(reopened.secret).toEqual(SECRET)
    expect(reopened.upgraded).toBeUndefined()
  })

  it('never downgrades: a count above the target stays as it is', async () => {
    const strong = await sealSecret(SECRET, PASSWORD, { iterations: 150_000 })
    expect((await openSecret(strong, PASSWORD, FAST)).upgraded).toBeUndefined()
  })
})

describe('derived key (unlock across service-worker restarts)', () => {
  it('derives, exports as 32 raw bytes, survives JSON, imports and opens', async () => {
    const key = await deriveVaultKey(PASSWORD, sealed)
    const stored = JSON.stringify({ vaultKey: encodeBase64(exportVaultKey(key)) })
    const restored = importVaultKey(decodeBase64(JSON.parse(stored).vaultKey, 'vaultKey'))
    expect(await openSecretWithKey(sealed, restored)).toEqual(SECRET)
  })

  it('refuses a wrong password when deriving', async () => {
    await expect(deriveVaultKey('not the password', sealed)).rejects.toBeInstanceOf(WrongPasswordError)
  })

  it('refuses a key derived from another password, or made of other bytes', async () => {
    const other = await sealSecret(SECRET, 'another password', FAST)
    const otherKey = await deriveVaultKey('another password', other)
    await expect(openSecretWithKey(sealed, otherKey)).rejects.toBeInstanceOf(WrongPasswordError)
    const forged = importVaultKey(crypto.getRandomValues(new Uint8Array(32)))
    await expect(openSecretWithKey(sealed, forged)).rejects.toBeInstanceOf(WrongPasswordError)
  })

  it('imports the pinned key bytes and keeps its own copy', async () => {
    const bytes = hexToBytes(vector.vaultKeyHex, 'vaultKey')
    const key = importVaultKey(bytes)
    bytes.fill(0)
    expect(new TextDecoder().decode(await openSecretWithKey(vector.envelope, key))).toBe(vector.secretText)
  })

  it('forgets a key: zeroed and unusable', async () => {
    const key = importVaultKey(exportVaultKey(sealedKey))
    forgetVaultKey(key)
    expect(() => exportVaultKey(key)).toThrow(
      new InvalidInputError('vaultKey', 'expected a VaultKey, got a forgotten VaultKey'),
    )
    await expectInvalid(openSecretWithKey(sealed, key), '"vaultKey" expected a VaultKey, got a forgotten VaultKey')
  })

  it('refuses to be serialised as JSON by accident', () => {
    expect(() => JSON.stringify({ key: sealedKey })).toThrow(
      '"vaultKey" cannot be serialised as JSON; store exportVaultKey(key) instead',
    )
  })

  it('reseals a new secret under the same key, salt and count, with a fresh IV', async () => {
    const next = new TextEncoder().encode('two avatars now')
    const resealed = await resealSecretWithKey(next, sealed, sealedKey)
    expect(resealed.kdf).toEqual(sealed.kdf)
    expect(resealed.cipher.iv).not.toBe(sealed.cipher.iv)
    expect((await openSecret(resealed, PASSWORD, FAST)).secret).toEqual(next)
    const otherKey = importVaultKey(new Uint8Array(32).fill(7))
    await expect(resealSecretWithKey(next, sealed, otherKey)).rejects.toBeInstanceOf(WrongPasswordError)
  })

  it('round-trips any secret through reseal and open (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (secret) => {
        const envelope = await resealSecretWithKey(secret, sealed, sealedKey)
        expect(await openSecretWithKey(envelope, sealedKey)).toEqual(secret)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('tampering and damage → CorruptEnvelopeError', () => {
  const GCM_FAILURE = 'the ciphertext failed authentication (edited or truncated)'
  const HEADER_EDITED = '"headerHash" does not match the header: the envelope was edited or damaged'

  it('detects a flipped ciphertext byte (key check passes, AES-GCM fails)', async () => {
    await expectCorrupt(
      openSecret(
        edited((e) => (e.ciphertext = flipBit(e.ciphertext, 3))),
        PASSWORD,
        FAST,
      ),
      GCM_FAILURE,
    )
  })

  it('detects a ciphertext cut short, and one too short to hold a tag', async () => {
    const cut = (e: Loose, length: number) => {
      e.ciphertext = encodeBase64(decodeBase64(e.ciphertext, 'c').subarray(0, length))
    }
    await expectCorrupt(
      openSecret(
        edited((e) => cut(e, SECRET.length + 15)),
        PASSWORD,
        FAST,
      ),
      GCM_FAILURE,
    )
    await expectCorrupt(
      openSecret(
        edited((e) => cut(e, 16)),
        PASSWORD,
        FAST,
      ),
      '"ciphertext" expected 17..1048592 bytes, got 16',
    )
  })

  it.each([
    ['IV', (e: Loose) => (e.cipher.iv = flipBit(e.cipher.iv, 0))],
    ['salt', (e: Loose) => (e.kdf.salt = flipBit(e.kdf.salt, 15))],
    ['iteration count', (e: Loose) => (e.kdf.iterations = 100_001)],
    ['key check', (e: Loose) => (e.check = flipBit(e.check, 31))],
    ['header hash', (e: Loose) => (e.headerHash = flipBit(e.headerHash, 0))],
  ])('detects an edited %s before deriving any key', async (_name, edit) => {
    await expectCorrupt(openSecret(edited(edit), PASSWORD, FAST), HEADER_EDITED)
    await expectCorrupt(deriveVaultKey(PASSWORD, edited(edit)), HEADER_EDITED)
    await expectCorrupt(openSecretWithKey(edited(edit), sealedKey), HEADER_EDITED)
  })

  it('still detects an edited IV when the header hash was recomputed (AES-GCM authenticates the header)', async () => {
    const { formatEnvelope } = await import('./envelope-format.js')
    const field = (name: string, value: string) => decodeBase64(value, name) as Uint8Array<ArrayBuffer>
    const forged = formatEnvelope({
      iterations: sealed.kdf.iterations,
      salt: field('salt', sealed.kdf.salt),
      iv: field('iv', flipBit(sealed.cipher.iv, 5)),
      check: field('check', sealed.check),
      ciphertext: field('ciphertext', sealed.ciphertext),
    })
    await expectCorrupt(openSecret(forged, PASSWORD, FAST), GCM_FAILURE)
  })

  it('refuses any single-byte change in any binary field (property, derived key)', async () => {
    const fields = ['ciphertext', 'cipher.iv', 'kdf.salt', 'check', 'headerHash'] as const
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (field, at, mask) => {
          const envelope = edited((e) => {
            const [outer, inner] = field.split('.') as [string, string | undefined]
            const holder = inner ? e[outer] : e
            const name = inner ?? outer
            holder[name] = flipBit(holder[name], at % decodeBase64(holder[name], name).length, mask)
          })
          await expect(openSecretWithKey(envelope, sealedKey)).rejects.toBeInstanceOf(CorruptEnvelopeError)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it.each([
    'version',
    'kdf',
    'cipher',
    'check',
    'headerHash',
    'ciphertext',
    'kdf.name',
    'kdf.hash',
    'kdf.iterations',
    'kdf.salt',
    'cipher.name',
    'cipher.iv',
  ])('names a missing %s', async (path) => {
    const envelope = edited((e) => {
      const [outer, inner] = path.split('.') as [string, string | undefined]
      if (inner) delete e[outer][inner]
      else delete e[outer]
    })
    await expectCorrupt(openSecret(envelope, PASSWORD, FAST), `"${path}" is missing`)
  })

  it.each<[string, (e: Loose) => void, string]>([
    ['an unknown field', (e) => (e.note = 'x'), '"note" is not a known field'],
    ['an unknown kdf field', (e) => (e.kdf.memory = 1), '"kdf.memory" is not a known field'],
    ['a string version', (e) => (e.version = '1'), '"version" expected an integer, got string of length 1'],
    ['an array kdf', (e) => (e.kdf = []), '"kdf" expected an object, got array'],
    ['a null cipher', (e) => (e.cipher = null), '"cipher" expected an object, got null'],
    [
      'a string count',
      (e) => (e.kdf.iterations = '600000'),
      '"kdf.iterations" expected an integer, got string of length 6',
    ],
    ['a fractional count', (e) => (e.kdf.iterations = 100_000.5), '"kdf.iterations" expected an integer, got number'],
    ['a numeric salt', (e) => (e.kdf.salt = 7), '"kdf.salt" expected string, got number'],
    ['bad base64', (e) => (e.cipher.iv = 'not*base64!!'), '"cipher.iv" expected standard padded base64'],
    ['unpadded base64', (e) => (e.check = e.check.replace(/=+$/, '')), '"check" expected standard padded base64'],
    ['a short salt', (e) => (e.kdf.salt = encodeBase64(new Uint8Array(15))), '"kdf.salt" expected 16 bytes, got 15'],
    ['another KDF', (e) => (e.kdf.name = 'scrypt'), '"kdf.name" expected "PBKDF2", got "scrypt"'],
    ['another hash', (e) => (e.kdf.hash = 'SHA-1'), '"kdf.hash" expected "SHA-256", got "SHA-1"'],
    ['another cipher', (e) => (e.cipher.name = 'AES-CBC'), '"cipher.name" expected "AES-GCM", got "AES-CBC"'],
    ['an unknown version', (e) => (e.version = 2), '"version" is 2, but this build reads only version 1'],
    [
      'a downgraded count',
      (e) => (e.kdf.iterations = 99_999),
      '"kdf.iterations" is 99999, below the minimum 100000 (a downgrade)',
    ],
    [
      'an absurd count',
      (e) => (e.kdf.iterations = 10_000_001),
      '"kdf.iterations" is 10000001, above the maximum 10000000',
    ],
  ])('refuses %s', async (_name, edit, problem) => {
    await expectCorrupt(openSecret(edited(edit), PASSWORD, FAST), problem)
  })

  it('refuses a value that is not an envelope object at all', async () => {
    await expectCorrupt(openSecret(null, PASSWORD, FAST), '"envelope" expected an object, got null')
    const text = JSON.stringify(sealed)
    await expectCorrupt(
      openSecret(text, PASSWORD, FAST),
      `"envelope" expected an object, got string of length ${text.length}`,
    )
  })
})

describe('bad arguments → InvalidInputError', () => {
  it('refuses an empty or non-string password, before looking at the envelope', async () => {
    await expectInvalid(sealSecret(SECRET, ''), '"password" expected a non-empty string')
    await expectInvalid(openSecret(null, ''), '"password" expected a non-empty string')
    await expectInvalid(deriveVaultKey(42 as never, sealed), '"password" expected string, got number')
  })

  it('refuses a password with a lone surrogate (it would collide with U+FFFD)', async () => {
    await expectInvalid(sealSecret(SECRET, 'pass\uD800word', FAST), '"password" contains an unpaired UTF-16 surrogate')
    expect((await sealSecret(SECRET, 'pass\uD83D\uDE00word', FAST)).version).toBe(1)
  })

  it('refuses a secret that is not 1..1 MiB of bytes', async () => {
    await expectInvalid(
      sealSecret('abc' as never, PASSWORD, FAST),
      '"secret" expected Uint8Array, got string of length 3',
    )
    await expectInvalid(sealSecret(new Uint8Array(0), PASSWORD, FAST), '"secret" expected 1..1048576 bytes, got 0')
    await expectInvalid(
      resealSecretWithKey(new Uint8Array(0), sealed, sealedKey),
      '"secret" expected 1..1048576 bytes, got 0',
    )
  })

  it('refuses iteration counts outside 100,000..10,000,000', async () => {
    await expectInvalid(
      sealSecret(SECRET, PASSWORD, { iterations: 99_999 }),
      '"iterations" expected 100000..10000000, got 99999',
    )
    await expectInvalid(
      openSecret(sealed, PASSWORD, { iterations: 1e8 }),
      '"iterations" expected 100000..10000000, got 100000000',
    )
    await expectInvalid(
      sealSecret(SECRET, PASSWORD, { iterations: 1.5 }),
      '"iterations" expected an integer, got number',
    )
    await expectInvalid(
      sealSecret(SECRET, PASSWORD, 'fast' as never),
      '"options" expected an object, got string of length 4',
    )
  })

  it('refuses vault key bytes of the wrong length or type', async () => {
    expect(() => importVaultKey(new Uint8Array(31))).toThrow(
      new InvalidInputError('vaultKey', 'expected 32 bytes, got 31'),
    )
    expect(() => importVaultKey('00' as never)).toThrow('"vaultKey" expected Uint8Array, got string of length 2')
    expect(() => exportVaultKey({} as never)).toThrow('"vaultKey" expected a VaultKey, got object')
    await expectInvalid(
      openSecretWithKey(sealed, exportVaultKey(sealedKey) as never),
      '"vaultKey" expected a VaultKey, got Uint8Array(32)',
    )
  })
})
