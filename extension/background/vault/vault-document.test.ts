import { describe, expect, it } from 'vitest'
import { CorruptVaultError } from '../errors.js'
import { decodeVaultDocument, encodeVaultDocument, type VaultDocument } from './vault-document.js'

const ID = `0x02${'ab'.repeat(32)}`
const OTHER = `0x03${'cd'.repeat(32)}`
const document: VaultDocument = {
  version: 1,
  avatars: [
    { id: ID, kind: 'phrase', phrase: 'abandon about', passphrase: 'p' },
    { id: OTHER, kind: 'private-key', privateKey: '11'.repeat(32) },
  ],
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
const corrupt = (value: unknown) => () => decodeVaultDocument(encode(value))

describe('vault document', () => {
  it('round-trips through bytes', () => {
    expect(decodeVaultDocument(encodeVaultDocument(document))).toEqual(document)
  })

  it('keeps a phrase without passphrase without the field', () => {
    const plain: VaultDocument = { version: 1, avatars: [{ id: ID, kind: 'phrase', phrase: 'x y' }] }
    expect(decodeVaultDocument(encodeVaultDocument(plain)).avatars[0]).toEqual({
      id: ID,
      kind: 'phrase',
      phrase: 'x y',
    })
  })

  it('refuses bytes that are not JSON', () => {
    expect(() => decodeVaultDocument(new Uint8Array([0xff, 0x00]))).toThrow(
      new CorruptVaultError('the decrypted document is not JSON'),
    )
  })

  it.each([
    [null, '"document" expected an object, got null'],
    [{ version: 2, avatars: [] }, '"document.version" expected 1'],
    [{ version: 1, avatars: {} }, '"document.avatars" expected an array'],
    [
      { version: 1, avatars: [{ id: 'x', kind: 'phrase', phrase: 'a' }] },
      '"document.avatars[0].id" is not an avatar id',
    ],
    [
      { version: 1, avatars: [{ id: ID, kind: 'seed' }] },
      '"document.avatars[0].kind" expected one of phrase, private-key, got "seed"',
    ],
    [
      { version: 1, avatars: [{ id: ID, kind: 'private-key', privateKey: 'zz' }] },
      '"document.avatars[0].privateKey" is not 64 hex digits',
    ],
    [
      { version: 1, avatars: [{ id: ID, kind: 'phrase', phrase: '' }] },
      '"document.avatars[0].phrase" expected a non-empty string',
    ],
    [
      { version: 1, avatars: [{ id: ID, kind: 'phrase', phrase: 'a', passphrase: 3 }] },
      '"document.avatars[0].passphrase" expected string, got number',
    ],
    [{ version: 1, avatars: [document.avatars[0], document.avatars[0]] }, '"document.avatars" lists an avatar twice'],
  ])('refuses a damaged document %#', (value, problem) => {
    expect(corrupt(value)).toThrow(new CorruptVaultError(problem))
    try {
      corrupt(value)()
    } catch (error) {
      expect((error as CorruptVaultError).code).toBe('CORRUPT_VAULT')
    }
  })
})
