/**
 * The decrypted vault: one JSON document listing every avatar's secret, sealed as a whole under
 * the one vault password (MetaMask-style). It lives only in service-worker memory once opened.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requireOneOf, requirePlainObject, requireString } from '../../../src/input.js'
import { CorruptVaultError } from '../errors.js'

/** One avatar's secret: a phrase (with its optional BIP-39 passphrase) or a raw private key. */
export type AvatarSecret =
  | { id: string; kind: 'phrase'; phrase: string; passphrase?: string }
  | { id: string; kind: 'private-key'; privateKey: string }

export type VaultDocument = { version: 1; avatars: AvatarSecret[] }

const AVATAR_ID = /^0x0[23][0-9a-f]{64}$/
const PRIVATE_KEY_HEX = /^[0-9a-f]{64}$/

/** The document as UTF-8 JSON bytes, ready for sealSecret (the caller zeroes them after). */
export function encodeVaultDocument(document: VaultDocument): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(document))
}

/** Parses decrypted bytes; any defect is a CorruptVaultError naming it. */
export function decodeVaultDocument(bytes: Uint8Array): VaultDocument {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new CorruptVaultError('the decrypted document is not JSON')
  }
  try {
    return parseVaultDocument(value)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new CorruptVaultError(error.message)
    throw error
  }
}

/** Checks a document's shape field by field (InvalidInputError naming the field). */
export function parseVaultDocument(value: unknown): VaultDocument {
  const document = requirePlainObject(value, 'document')
  if (document.version !== 1) throw new InvalidInputError('document.version', 'expected 1')
  if (!Array.isArray(document.avatars)) throw new InvalidInputError('document.avatars', 'expected an array')
  const avatars = document.avatars.map((entry, index) => parseAvatarSecret(entry, `document.avatars[${index}]`))
  const ids = new Set(avatars.map((avatar) => avatar.id))
  if (ids.size !== avatars.length) throw new InvalidInputError('document.avatars', 'lists an avatar twice')
  return { version: 1, avatars }
}

function parseAvatarSecret(value: unknown, field: string): AvatarSecret {
  const entry = requirePlainObject(value, field)
  const id = requireNonEmptyString(entry.id, `${field}.id`)
  if (!AVATAR_ID.test(id)) throw new InvalidInputError(`${field}.id`, 'is not an avatar id')
  const kind = requireOneOf(entry.kind, `${field}.kind`, ['phrase', 'private-key'] as const)
  if (kind === 'private-key') {
    const privateKey = requireString(entry.privateKey, `${field}.privateKey`)
    if (!PRIVATE_KEY_HEX.test(privateKey)) throw new InvalidInputError(`${field}.privateKey`, 'is not 64 hex digits')
    return { id, kind, privateKey }
  }
  const phrase = requireNonEmptyString(entry.phrase, `${field}.phrase`)
  if (entry.passphrase === undefined) return { id, kind, phrase }
  return { id, kind, phrase, passphrase: requireString(entry.passphrase, `${field}.passphrase`) }
}
