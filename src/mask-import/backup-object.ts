/**
 * The personas of a Mask backup object (mask-vectors FORMATS.md, section 2, D): v2 (`_meta_.version` 2, also what an
 * encrypted backup holds), v1 (`whoami`/`people`) and v0 (`key.key` + `local`). Only personas with
 * a private key are owned; contacts are counted, not imported. Mask's wallet keystore, which Mask
 * saved under the same file-name prefix, is recognised and refused.
 */
import { MaskImportError } from './mask-import-error.js'
import { asRecord, type MaskPersona, personaFromJwk } from './mask-persona.js'

export type BackupVersion = 0 | 1 | 2

/** What a backup holds: its owned personas, and how many contacts (no private key) were skipped. */
export type BackupPersonas = { version: BackupVersion; personas: MaskPersona[]; skippedContacts: number }

/** Reads a decoded backup (JSON or msgpack); refuses one that owns no persona, saying why. */
export function readBackupObject(value: unknown): BackupPersonas {
  const backup = asRecord(value)
  if (!backup) throw new MaskImportError('unrecognised', 'not a Mask backup object')
  if (isWalletKeystore(backup)) throw new MaskImportError('wallet-keystore', 'a wallet keystore, not a persona')
  const found = readVersion(backup)
  if (found.personas.length === 0) {
    if (found.skippedContacts > 0) {
      throw new MaskImportError('only-contacts', 'the backup holds only contacts', found.skippedContacts)
    }
    throw new MaskImportError('no-personas', 'the backup holds no persona')
  }
  return found
}

function readVersion(backup: Record<string, unknown>): BackupPersonas {
  if (asRecord(backup._meta_)?.version === 2) return readVersion2(backup)
  if (backup.version === 1 && Array.isArray(backup.whoami)) return readVersion1(backup)
  const key = asRecord(backup.key)
  if (key && asRecord(key.key) && 'local' in backup) return readVersion0(key)
  throw new MaskImportError('unrecognised', 'not a Mask backup of version 0, 1 or 2')
}

function readVersion2(backup: Record<string, unknown>): BackupPersonas {
  const records = Array.isArray(backup.personas) ? backup.personas.map(asRecord) : []
  const personas: MaskPersona[] = []
  let skippedContacts = 0
  for (const record of records) {
    if (!record) continue
    // msgpack turns Mask's undefined fields into nil: null means absent here.
    if (typeof asRecord(record.privateKey)?.d !== 'string') {
      skippedContacts++
      continue
    }
    const persona = personaFromJwk(record.privateKey, record.nickname, {
      jwk: record.publicKey,
      identifier: record.identifier,
    })
    const mnemonic = asRecord(asRecord(record.mnemonic)?.parameter)
    personas.push(mnemonic?.withPassword === true ? { ...persona, phraseHadPassphrase: true } : persona)
  }
  return { version: 2, personas, skippedContacts }
}

function readVersion1(backup: Record<string, unknown>): BackupPersonas {
  const personas = (backup.whoami as unknown[]).flatMap((entry) => {
    const whoami = asRecord(entry)
    if (typeof asRecord(whoami?.privateKey)?.d !== 'string') return []
    return [personaFromJwk(whoami?.privateKey, whoami?.nickname ?? whoami?.userId, { jwk: whoami?.publicKey })]
  })
  const people = Array.isArray(backup.people) ? backup.people.length : 0
  return { version: 1, personas, skippedContacts: people + (backup.whoami as unknown[]).length - personas.length }
}

function readVersion0(key: Record<string, unknown>): BackupPersonas {
  const pair = asRecord(key.key)
  if (typeof asRecord(pair?.privateKey)?.d !== 'string') return { version: 0, personas: [], skippedContacts: 1 }
  const persona = personaFromJwk(pair?.privateKey, key.username, { jwk: pair?.publicKey })
  return { version: 0, personas: [persona], skippedContacts: 0 }
}

/** Ethereum's V3 keystore (`crypto`, or `Crypto` as some wallets write it, and `version: 3`). */
function isWalletKeystore(value: Record<string, unknown>): boolean {
  return value.version === 3 && (asRecord(value.crypto) !== undefined || asRecord(value.Crypto) !== undefined)
}
