/**
 * "Import from Mask Network" through the background over in-memory storage with real crypto: what the
 * popup sees holds no key; every refusal leaves the vault as it was; duplicates are refused by name.
 */
import { describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../../src/crypto/index.js'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import { createMemoryMaskImport } from '../../../test/support/extension/memory-mask-import.js'
import {
  derivedPersonas,
  HAS_MASK_VECTORS,
  MASK_VECTORS_MISSING,
  readMaskVector,
  readMaskVectorText,
  SYNTHETIC_PASSWORD,
} from '../../../test/support/mask-vectors.js'
import type { MaskReading } from '../../messaging/catalogue.js'
import { createSettingsStore } from '../storage/settings.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { createVaultSession } from '../vault/vault-session.js'

const VAULT_PASSWORD = 'correct horse battery staple'

function boot() {
  const stores = { records: createMemoryStore(), session: createMemoryStore(), local: createMemoryStore() }
  const now = () => 1_700_000_000_000
  const settings = createSettingsStore(stores.local)
  const alarm = { set: async () => undefined, clear: async () => undefined }
  const vaultOptions = { iterations: MIN_PBKDF2_ITERATIONS }
  const session = createVaultSession({ ...stores, settings, alarm, now, vaultOptions })
  const fetch = async () => new Response('{}', { status: 500 })
  const { mask, progress } = createMemoryMaskImport({ session, settings, fetch, now, stores, vaultOptions })
  return { mask, progress, session, stores }
}

const file = (path: string, mediaType = 'application/octet-stream') => ({
  fileBase64: encodeBase64(readMaskVector(path)),
  mediaType,
})

function found(reading: MaskReading) {
  if (reading.kind !== 'found') throw new Error(`expected personas, got ${reading.kind}`)
  return reading
}

async function reasonOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught as { code?: string; reason?: string },
  )
  return error?.reason ?? error?.code
}

describe.skipIf(!HAS_MASK_VECTORS)(
  `Mask import in the background ${HAS_MASK_VECTORS ? '' : MASK_VECTORS_MISSING}`,
  () => {
    const { alice, bob } = HAS_MASK_VECTORS ? derivedPersonas() : ({} as ReturnType<typeof derivedPersonas>)

    it('asks for the password, then offers Alice without her key, then imports her as the first avatar', async () => {
      const { mask, progress, stores } = boot()
      const input = file('derived/synthetic-local-v000.bin')
      expect(await mask.readMaskInput({ input })).toEqual({ kind: 'needs-password', iterations: 10_000 })
      const reading = found(await mask.readMaskInput({ input, password: SYNTHETIC_PASSWORD }))
      expect(reading.personas).toEqual([
        { id: alice.compressed_public_key_hex, nickname: 'Alice', inVaultAs: null, phraseHadPassphrase: true },
      ])
      expect(reading.openedWith).toBe('')
      expect(JSON.stringify(reading)).not.toContain(alice.private_key_hex)
      expect(progress.at(-1)).toBeNull()
      expect(progress[0]).toMatchObject({ attempt: 1, attempts: 1 })

      const { state, outcomes } = await mask.importMaskPersonas({
        readingId: reading.readingId,
        avatars: [{ id: alice.compressed_public_key_hex, name: 'Alice' }],
        password: VAULT_PASSWORD,
      })
      expect(outcomes).toEqual([{ id: alice.compressed_public_key_hex, name: 'Alice', outcome: 'imported' }])
      expect(state).toMatchObject({ status: 'unlocked', currentAvatarId: alice.compressed_public_key_hex })
      expect(state.status === 'unlocked' && state.avatars.map(({ name, source }) => [name, source])).toEqual([
        ['Alice', 'private-key'],
      ])
      expect(JSON.stringify([...stores.records.data])).not.toContain(alice.private_key_hex)
      // One service down does not hide the other's answer: each says why on its own.
      expect(await mask.discoverAvatar({ id: alice.compressed_public_key_hex })).toEqual({
        bindings: { ok: false, code: 'SERVICE_ERROR' },
        kv: { ok: false, code: 'SERVICE_ERROR' },
      })
      // The reading is spent: its keys are gone.
      expect(
        await reasonOf(
          mask.importMaskPersonas({
            readingId: reading.readingId,
            avatars: [{ id: alice.compressed_public_key_hex, name: 'A' }],
          }),
        ),
      ).toBe('NOT_FOUND')
    })

    it('refuses by name a persona the vault already has, and imports the others', async () => {
      const { mask } = boot()
      const first = found(await mask.readMaskInput({ input: { text: alice.export_private_key_string_synthetic } }))
      await mask.importMaskPersonas({
        readingId: first.readingId,
        avatars: [{ id: alice.compressed_public_key_hex, name: 'Mine' }],
        password: VAULT_PASSWORD,
      })
      const both = found(
        await mask.readMaskInput({
          input: { text: readMaskVectorText('mask-e2e-fixtures/setup_db_backup_2_personas_2_profiles.json') },
        }),
      )
      expect(both.personas.map((persona) => [persona.nickname, persona.inVaultAs])).toEqual([
        ['Alice', 'Mine'],
        ['Bob', null],
      ])
      const { outcomes, state } = await mask.importMaskPersonas({
        readingId: both.readingId,
        avatars: both.personas.map((persona) => ({ id: persona.id, name: persona.nickname ?? '' })),
      })
      expect(outcomes.map(({ name, outcome, inVaultAs }) => [name, outcome, inVaultAs])).toEqual([
        ['Alice', 'already-in-vault', 'Mine'],
        ['Bob', 'imported', undefined],
      ])
      expect(state.status === 'unlocked' && state.avatars.map((avatar) => avatar.id)).toEqual([
        alice.compressed_public_key_hex,
        bob.compressed_public_key_hex,
      ])
    })

    it('reads the QR image in the background and keeps a phrase as a phrase', async () => {
      const { mask } = boot()
      // Also where the browser gave no media type: the PNG is known by its first bytes.
      for (const mediaType of ['image/png', '']) {
        const qr = found(
          await mask.readMaskInput({ input: file('mask-e2e-fixtures/setup_db_qrcode_backup.png', mediaType) }),
        )
        expect([qr.format, qr.personas[0]?.id, qr.personas[0]?.nickname]).toEqual([
          'legacy-qr-text',
          alice.compressed_public_key_hex,
          'Alice',
        ])
      }
      const phrase = found(
        await mask.readMaskInput({ input: { text: alice.mnemonic }, passphrase: alice.bip39_passphrase }),
      )
      const { state } = await mask.importMaskPersonas({
        readingId: phrase.readingId,
        avatars: [{ id: phrase.personas[0]?.id ?? '', name: 'Alice' }],
        password: VAULT_PASSWORD,
      })
      expect(state).toMatchObject({ currentAvatarId: alice.compressed_public_key_hex, avatars: [{ source: 'phrase' }] })
    })

    it('every refusal leaves the empty extension empty', async () => {
      const { mask, stores } = boot()
      const keystore = JSON.stringify({ version: 3, crypto: { cipher: 'aes-128-ctr' }, address: '00' })
      const contactsOnly = JSON.parse(readMaskVectorText('mask-e2e-fixtures/persona_persona_backup_alice.json'))
      contactsOnly.personas = contactsOnly.personas.filter((persona: { privateKey?: unknown }) => !persona.privateKey)
      const truncated = {
        fileBase64: encodeBase64(readMaskVector('derived/synthetic-local-v000.bin').subarray(0, 200)),
        mediaType: '',
      }
      const reasons = [
        await reasonOf(mask.readMaskInput({ input: file('derived/synthetic-local-v000.bin'), password: 'wrong' })),
        await reasonOf(mask.readMaskInput({ input: truncated, password: SYNTHETIC_PASSWORD })),
        await reasonOf(mask.readMaskInput({ input: { text: keystore } })),
        await reasonOf(mask.readMaskInput({ input: { text: JSON.stringify(contactsOnly) } })),
        await reasonOf(
          mask.readMaskInput({ input: file('mask-e2e-fixtures/setup_db_backup_0_persona_0_profile.json') }),
        ),
        await reasonOf(mask.readMaskInput({ input: { text: 'not a persona' } })),
      ]
      expect(reasons).toEqual([
        'wrong-password',
        'damaged-backup',
        'wallet-keystore',
        'only-contacts',
        'no-personas',
        'unrecognised',
      ])
      expect(stores.records.data.size).toBe(0)
    })

    it('a blank name refuses the whole choice before anything is stored', async () => {
      const { mask, stores } = boot()
      const both = found(
        await mask.readMaskInput({ input: file('mask-e2e-fixtures/setup_db_backup_2_personas_2_profiles.json') }),
      )
      const call = mask.importMaskPersonas({
        readingId: both.readingId,
        avatars: [
          { id: alice.compressed_public_key_hex, name: 'Alice' },
          { id: bob.compressed_public_key_hex, name: '  ' },
        ],
        password: VAULT_PASSWORD,
      })
      expect(await reasonOf(call)).toBe('INVALID_INPUT')
      expect(stores.records.data.size).toBe(0)
    })
  },
)
