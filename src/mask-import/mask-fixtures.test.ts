/**
 * Every real Mask fixture and every plain-text format imports to the exact avatar
 * derived/personas-derived.json lists (../shared/mask-vectors; skipped, saying so, where absent).
 */
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import {
  derivedPersonas,
  HAS_MASK_VECTORS,
  MASK_VECTORS_MISSING,
  readMaskVector,
  readMaskVectorText,
} from '../../test/support/mask-vectors.js'
import { avatarId, bytesToHex } from '../crypto/index.js'
import { type MaskFound, MaskImportError, readMaskFile, readMaskText, readQrCode } from './index.js'

const fixture = (name: string) => `mask-e2e-fixtures/${name}`

/** Nickname → avatar, and the private key behind it, for comparing with the derived list. */
function avatars(found: MaskFound) {
  return found.personas.map((persona) => ({
    nickname: persona.nickname,
    avatar: avatarId(persona.publicKey),
    privateKey: bytesToHex(persona.privateKey),
  }))
}

function expected(...names: ('alice' | 'bob')[]) {
  const derived = derivedPersonas()
  return names.map((name) => ({
    nickname: derived[name].nickname,
    avatar: derived[name].compressed_public_key_hex,
    privateKey: derived[name].private_key_hex,
  }))
}

async function readFixture(name: string): Promise<MaskFound> {
  const reading = await readMaskFile(readMaskVector(fixture(name)))
  if (reading.kind !== 'found') throw new Error(`${name}: ${reading.kind}`)
  return reading.found
}

async function failure(read: Promise<unknown>): Promise<MaskImportError> {
  const error = await read.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!(error instanceof MaskImportError)) throw new Error(`expected a MaskImportError, got ${String(error)}`)
  return error
}

describe.skipIf(!HAS_MASK_VECTORS)(`Mask's own fixtures ${HAS_MASK_VECTORS ? '' : MASK_VECTORS_MISSING}`, () => {
  it('v2 JSON backups import their owned personas with their nicknames', async () => {
    for (const name of ['setup_db_backup_1_persona_0_profile.json', 'setup_db_backup_1_persona_1_profile.json']) {
      const found = await readFixture(name)
      expect({ name, format: found.format, version: found.backupVersion, avatars: avatars(found) }).toEqual({
        name,
        format: 'json-backup',
        version: 2,
        avatars: expected('alice'),
      })
    }
    expect(avatars(await readFixture('setup_db_backup_2_personas_2_profiles.json'))).toEqual(expected('alice', 'bob'))
  })

  it('a persona backup skips and counts the contact that has no private key', async () => {
    const alice = await readFixture('persona_persona_backup_alice.json')
    expect([avatars(alice), alice.skippedContacts]).toEqual([expected('alice'), 1])
    const bob = await readFixture('persona_persona_backup_bob.json')
    expect([avatars(bob), bob.skippedContacts]).toEqual([expected('bob'), 1])
  })

  it('keeps the record’s word that its phrase was made with a passphrase', async () => {
    const found = await readFixture('setup_db_backup_1_persona_0_profile.json')
    expect(found.personas[0]?.phraseHadPassphrase).toBe(true)
  })

  it('the 1.x "Base64" text is Alice’s backup', async () => {
    const found = await readMaskText(readMaskVectorText(fixture('setup_db_base64_backup')))
    expect([found.format, avatars(found)]).toEqual(['base64-backup', expected('alice')])
  })

  it('the phrase gives Alice only with her BIP-39 passphrase', async () => {
    const words = readMaskVectorText(fixture('setup_db_mnemonic_backup'))
    const withPassphrase = await readMaskText(words, derivedPersonas().alice.bip39_passphrase)
    expect(withPassphrase.format).toBe('phrase')
    expect(avatars(withPassphrase)[0]?.avatar).toBe(expected('alice')[0]?.avatar)
    expect(withPassphrase.personas[0]?.phrase).toEqual({ words: words.trim(), passphrase: '12345678' })
    const without = await readMaskText(words)
    expect(avatars(without)[0]?.avatar).not.toBe(expected('alice')[0]?.avatar)
  })

  it('the 1.x QR image reads (jsQR) to the 🤔 text, which is Alice with her nickname', async () => {
    const png = PNG.sync.read(Buffer.from(readMaskVector(fixture('setup_db_qrcode_backup.png'))))
    const text = readQrCode({ data: new Uint8ClampedArray(png.data), width: png.width, height: png.height })
    expect(text).toBe(readMaskVectorText('derived/qrcode-decoded.txt').trim())
    const found = await readMaskText(text)
    expect([found.format, avatars(found)]).toEqual(['legacy-qr-text', expected('alice')])
  })

  it('an image with no QR code says so', () => {
    const blank = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 }
    expect(() => readQrCode(blank)).toThrow(expect.objectContaining({ reason: 'no-qr-code' }))
  })

  it('the "Export private key" strings are Alice and Bob, with or without surrounding whitespace', async () => {
    const { alice, bob } = derivedPersonas()
    for (const [persona, name] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      const found = await readMaskText(`\n ${persona.export_private_key_string_synthetic} \n`)
      expect(found.format).toBe('private-key-string')
      expect(avatars(found)).toEqual(expected(name).map((entry) => ({ ...entry, nickname: undefined })))
    }
  })

  it('mask://persona links carry the phrase or the key string, and the nickname as written', async () => {
    const { alice, bob } = derivedPersonas()
    const words = btoa('snap toilet legal express slice romance boat bacon exchange quiz detail cushion')
    const byPhrase = await readMaskText(`mask://persona/mnemonic/${words}?nickname=Bob & co`)
    // Created in Mask 2.x, a phrase has no passphrase: Bob's words alone are another key than the e2e Bob.
    expect(byPhrase.format).toBe('persona-link')
    expect(byPhrase.personas[0]?.nickname).toBe('Bob & co')
    expect(avatars(byPhrase)[0]?.avatar).not.toBe(bob.compressed_public_key_hex)
    const byKey = await readMaskText(
      `mask://persona/privatekey/${alice.export_private_key_string_synthetic}?nickname=Alice`,
    )
    expect(avatars(byKey)).toEqual(expected('alice'))
  })

  it('a backup with no personas imports nothing, saying so', async () => {
    const error = await failure(readFixture('setup_db_backup_0_persona_0_profile.json'))
    expect([error.reason, error.message]).toEqual(['no-personas', 'Mask import: the backup holds no persona'])
  })

  it('a backup of contacts only imports nothing and counts them', async () => {
    const backup = JSON.parse(readMaskVectorText(fixture('persona_persona_backup_alice.json')))
    backup.personas = backup.personas.filter((persona: { privateKey?: unknown }) => !persona.privateKey)
    const error = await failure(readMaskText(JSON.stringify(backup)))
    expect([error.reason, error.count]).toEqual(['only-contacts', '1'])
  })

  it('a persona whose key is not its record’s public key is refused', async () => {
    const backup = JSON.parse(readMaskVectorText(fixture('setup_db_backup_2_personas_2_profiles.json')))
    backup.personas[1].identifier = backup.personas[0].identifier
    const error = await failure(readMaskText(JSON.stringify(backup)))
    expect([error.reason, error.message]).toEqual([
      'key-mismatch',
      "Mask import: the identifier is not the key's public key",
    ])
  })
})

describe.skipIf(!HAS_MASK_VECTORS)(
  `older backup shapes and strangers ${HAS_MASK_VECTORS ? '' : MASK_VECTORS_MISSING}`,
  () => {
    const aliceRecord = () =>
      JSON.parse(readMaskVectorText(fixture('setup_db_backup_1_persona_0_profile.json'))).personas[0]

    it('a v1 backup (whoami, people) imports its whoami personas and counts the people', async () => {
      const record = aliceRecord()
      const v1 = {
        version: 1,
        whoami: [
          {
            network: 'twitter.com',
            userId: 'alice',
            nickname: 'Alice',
            publicKey: record.publicKey,
            privateKey: record.privateKey,
          },
        ],
        people: [{ network: 'twitter.com', userId: 'bob', publicKey: record.publicKey }],
      }
      const found = await readMaskText(JSON.stringify(v1))
      expect([found.backupVersion, avatars(found), found.skippedContacts]).toEqual([1, expected('alice'), 1])
    })

    it('a v0 backup (key.key, local) imports its one persona under its user name', async () => {
      const record = aliceRecord()
      const v0 = {
        key: { username: 'Alice', key: { publicKey: record.publicKey, privateKey: record.privateKey } },
        local: {},
      }
      const found = await readMaskText(JSON.stringify(v0))
      expect([found.backupVersion, avatars(found)]).toEqual([0, expected('alice')])
    })

    it('a private JWK from Mask’s IndexedDB, and a hex key, are read too', async () => {
      const jwk = await readMaskText(JSON.stringify(aliceRecord().privateKey))
      expect([jwk.format, avatars(jwk)]).toEqual([
        'private-key-jwk',
        expected('alice').map((entry) => ({ ...entry, nickname: undefined })),
      ])
      const hex = await readMaskText(`0x${derivedPersonas().bob.private_key_hex}`)
      expect([hex.format, avatars(hex)[0]?.avatar]).toEqual(['private-key-hex', expected('bob')[0]?.avatar])
    })

    it('Mask’s wallet keystore is recognised as a wallet', async () => {
      const keystore = {
        version: 3,
        id: 'x',
        address: 'a75fc031949e0b590a38eceed0d28cb57c861745',
        crypto: { cipher: 'aes-128-ctr' },
      }
      const error = await failure(readMaskFile(new TextEncoder().encode(JSON.stringify(keystore))))
      expect(error.reason).toBe('wallet-keystore')
    })

    it('text in none of Mask’s formats, and a phrase with a wrong word, say which', async () => {
      expect((await failure(readMaskText('hello there'))).reason).toBe('unrecognised')
      const words = readMaskVectorText(fixture('setup_db_mnemonic_backup')).trim().replace('brisk', 'zebra')
      expect((await failure(readMaskText(words))).reason).toBe('bad-phrase')
    })
  },
)
