/**
 * Recognises a text a Mask user holds (mask-vectors FORMATS.md, section 1, 6) and reads its personas: a
 * `mask://persona/…` link, the 1.x `🤔` QR text, a JSON backup, the 1.x "Base64" backup, the
 * "Export private key" string, or a 12–24-word phrase (with its BIP-39 passphrase, if any); also a
 * private JWK or a hex key, for keys taken from Mask's IndexedDB.
 */
import { decode } from '@msgpack/msgpack'
import { hexToBytes } from '../crypto/hex.js'
import { InvalidInputError } from '../errors.js'
import { requireString } from '../input.js'
import { deriveAvatarKey, validateMnemonic } from '../vault/mnemonic.js'
import { type BackupVersion, readBackupObject } from './backup-object.js'
import { looksLikePhrase } from './looks-like-phrase.js'
import { MaskImportError } from './mask-import-error.js'
import {
  asRecord,
  decodeStandardBase64,
  type MaskPersona,
  personaFromJwk,
  personaFromPrivateKey,
} from './mask-persona.js'

export type MaskTextFormat =
  | 'phrase'
  | 'private-key-string'
  | 'private-key-jwk'
  | 'private-key-hex'
  | 'persona-link'
  | 'legacy-qr-text'
  | 'json-backup'
  | 'base64-backup'

/** The personas one input holds, and what it was. */
export type MaskFound = {
  format: MaskTextFormat | 'encrypted-backup'
  personas: MaskPersona[]
  /** Contacts (personas without a private key) left out. */
  skippedContacts: number
  backupVersion?: BackupVersion
}

/** Reads a pasted or file text; `passphrase` is the BIP-39 passphrase for a phrase (default none). */
export async function readMaskText(input: unknown, passphrase: unknown = ''): Promise<MaskFound> {
  const text = requireString(input, 'text').trim()
  const salt = requireString(passphrase, 'passphrase')
  if (text.startsWith('mask://persona/')) return readPersonaLink(text)
  if (text.includes(THINKING)) return single('legacy-qr-text', readLegacyQrText(text))
  if (text.startsWith('{')) return readJson(parseJson(text))
  if (HEX_KEY.test(text))
    return single('private-key-hex', personaFromPrivateKey(hexToBytes(text, 'privateKey'), undefined, {}))
  if (looksLikePhrase(text)) return single('phrase', await readPhrase(text, salt))
  const compact = text.replace(/\s+/g, '')
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0) return readBase64(compact)
  throw new MaskImportError('unrecognised', 'the text is none of the formats Mask wrote')
}

async function readPhrase(text: string, passphrase: string): Promise<MaskPersona> {
  let words: string
  try {
    words = validateMnemonic(text)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new MaskImportError('bad-phrase', error.message)
    throw error
  }
  const key = await deriveAvatarKey(words, passphrase)
  return { nickname: undefined, privateKey: key.privateKey, publicKey: key.publicKey, phrase: { words, passphrase } }
}

/**
 * `mask://persona/mnemonic/<base64 words>?nickname=<name>` or `mask://persona/privatekey/<key string>?nickname=<name>`;
 * the nickname is written as is, not URL-encoded, so it is everything after `?nickname=`.
 */
async function readPersonaLink(text: string): Promise<MaskFound> {
  const match = /^mask:\/\/persona\/(mnemonic|privatekey)\/([^?]*)(?:\?nickname=(.*))?$/s.exec(text)
  if (!match) throw new MaskImportError('unrecognised', 'not a mask://persona/mnemonic or /privatekey link')
  const [, kind, payload = '', nickname] = match
  const persona =
    kind === 'mnemonic'
      ? await readPhrase(new TextDecoder().decode(decodeStandardBase64(payload, 'mnemonic')), '')
      : readPrivateKeyString(payload)
  return single('persona-link', { ...persona, nickname: nickname?.trim() || undefined })
}

const THINKING = '\u{1F914}'
const MONKEY = '\u{1F648}'

/** 1.x QR text: `1🤔network🤔userId🤔nickname🤔localKey🤔<std-base64 public key>🙈<d>🤔permissions`. */
function readLegacyQrText(text: string): MaskPersona {
  const fields = text.split(THINKING)
  const [version, , userId, nickname, , keys] = fields
  if (version !== '1' || fields.length < 6 || !keys?.includes(MONKEY)) {
    throw new MaskImportError('unrecognised', 'not a Mask 1.x QR text')
  }
  const [publicKey = '', d] = keys.split(MONKEY)
  return personaFromJwk({ d }, nickname || userId, { compressed: decodeStandardBase64(publicKey, 'publicKey') })
}

/** Base64 of a v2 JSON backup (1.x "Base64"), or of a msgpack private JWK ("Export private key"). */
function readBase64(text: string): MaskFound {
  const bytes = decodeStandardBase64(text, 'text')
  if (bytes[0] === 0x7b /* { */) {
    return fromBackup('base64-backup', parseJson(new TextDecoder('utf-8', { fatal: false }).decode(bytes)))
  }
  return single('private-key-string', privateKeyFromMsgpack(bytes))
}

/** "Export private key": std base64 of msgpack of the private JWK (mask-vectors FORMATS.md, section B). */
function readPrivateKeyString(text: string): MaskPersona {
  return privateKeyFromMsgpack(decodeStandardBase64(text.trim(), 'privateKey'))
}

function privateKeyFromMsgpack(bytes: Uint8Array): MaskPersona {
  let jwk: unknown
  try {
    jwk = decode(bytes)
  } catch {
    throw new MaskImportError('unrecognised', 'the base64 text is neither a backup nor a private key')
  }
  if (typeof asRecord(jwk)?.d !== 'string') throw new MaskImportError('unrecognised', 'the key has no "d"')
  return personaFromJwk(jwk, undefined)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new MaskImportError('unrecognised', 'the text starts like JSON but is not JSON')
  }
}

/**
 * A JSON text: a backup, or one persona's private JWK as Mask keeps it in its IndexedDB
 * (`maskbook-persona` → `personas` → `privateKey`), the last resort when nothing else was saved.
 */
function readJson(value: unknown): MaskFound {
  const jwk = asRecord(value)
  if (typeof jwk?.d === 'string' && jwk.kty === 'EC') return single('private-key-jwk', personaFromJwk(jwk, undefined))
  return fromBackup('json-backup', value)
}

const HEX_KEY = /^(?:0x)?[0-9a-fA-F]{64}$/

function fromBackup(format: MaskTextFormat, value: unknown): MaskFound {
  const { version, personas, skippedContacts } = readBackupObject(value)
  return { format, personas, skippedContacts, backupVersion: version }
}

function single(format: MaskTextFormat, persona: MaskPersona): MaskFound {
  return { format, personas: [persona], skippedContacts: 0 }
}
