/**
 * "Import from Mask Network" in the background (issue 16): reads what the user gave (src/mask-import)
 * here, so private keys never reach the popup; holds the personas found until the user picks them;
 * imports each under the name the user chose, refusing by name those the vault already has; then
 * finds the avatar's bindings and KV data again on the configured services.
 */
import { createKvServiceClient, type FetchFunction } from '../../../src/client/index.js'
import { avatarId, bytesToHex, decodeBase64 } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject, requireString } from '../../../src/input.js'
import {
  CONTAINER_ITERATIONS,
  type MaskFound,
  type MaskPersona,
  type OpeningProgress,
  type Pixels,
  readMaskFile,
  readMaskText,
  readQrCode,
} from '../../../src/mask-import/index.js'
import type {
  AvatarDiscovery,
  Discovered,
  MaskImportOutcome,
  MaskImportProgress,
  MaskReading,
  WalletState,
} from '../../messaging/catalogue.js'
import { NotFoundError } from '../errors.js'
import { toNamespaces } from '../kv/kv-flow.js'
import { fetchAvatarBindings } from '../proofs/avatar-bindings.js'
import type { SettingsStore } from '../storage/settings.js'
import type { RecordStore } from '../storage/storage-ports.js'
import type { AvatarVault } from '../vault/avatar-vault.js'
import type { AvatarSecret } from '../vault/vault-document.js'
import { readVaultRecord, requireAvatarName } from '../vault/vault-record.js'
import type { VaultSession } from '../vault/vault-session.js'
import type { MaskReadings } from './mask-readings.js'

// Mask's backups are kilobytes and its QR images well under a megabyte; anything bigger is not Mask's.
const MAX_INPUT_BYTES = 5 * 1024 * 1024

export type MaskImportDeps = {
  session: VaultSession
  avatars: AvatarVault
  records: RecordStore
  readings: MaskReadings
  settings: SettingsStore
  fetch: FetchFunction
  now: () => number
  /** The platform's image decoder (image-pixels.ts; a PNG reader in tests). */
  readImage: (bytes: Uint8Array, mediaType: string) => Promise<Pixels>
  /** Where opening an encrypted backup stands; null once it is over. */
  onProgress: (progress: MaskImportProgress | null) => Promise<void>
}

export type MaskImport = ReturnType<typeof createMaskImport>

/** readMaskInput / importMaskPersonas / discoverAvatar. */
export function createMaskImport(deps: MaskImportDeps) {
  async function readMaskInput(params: unknown): Promise<MaskReading> {
    const { input, passphrase, password, account } = requirePlainObject(params, 'params')
    await deps.session.enforceDeadline()
    const phrasePassphrase = passphrase === undefined ? '' : requireString(passphrase, 'passphrase')
    const given = requirePlainObject(input, 'input')
    let found: MaskFound
    if (typeof given.text === 'string') {
      found = await readMaskText(given.text, phrasePassphrase)
    } else {
      const bytes = decodeBase64(given.fileBase64, 'input.fileBase64')
      if (bytes.length > MAX_INPUT_BYTES) throw new InvalidInputError('input', 'is larger than 5 MB')
      const mediaType = requireString(given.mediaType, 'input.mediaType')
      if (isImage(bytes, mediaType)) {
        found = await readMaskText(readQrCode(await deps.readImage(bytes, mediaType)), phrasePassphrase)
      } else {
        const credentials =
          password === undefined
            ? undefined
            : { password: requireString(password, 'password'), ...optionalAccount(account) }
        const reading = await openFile(bytes, credentials, phrasePassphrase)
        if (reading.kind === 'needs-password') return reading
        return holdReading(reading.found, reading.openedWith)
      }
    }
    return holdReading(found, null)
  }

  async function openFile(
    bytes: Uint8Array,
    credentials: { password: string; account?: string } | undefined,
    passphrase: string,
  ) {
    const startedAt = deps.now()
    let reported = false
    const onProgress = (step: OpeningProgress) => {
      reported = true
      void deps.onProgress({ ...step, startedAt }).catch(() => undefined)
    }
    try {
      const reading = await readMaskFile(bytes, { ...(credentials ? { credentials } : {}), passphrase, onProgress })
      if (reading.kind === 'needs-password') {
        return { kind: 'needs-password' as const, iterations: CONTAINER_ITERATIONS[reading.version] }
      }
      return { kind: 'found' as const, found: reading.found, openedWith: reading.openedWith?.account ?? '' }
    } finally {
      if (reported) await deps.onProgress(null).catch(() => undefined)
    }
  }

  /** Holds the keys; answers what the popup may see. */
  async function holdReading(found: MaskFound, openedWith: string | null): Promise<MaskReading> {
    const record = await readVaultRecord(deps.records)
    const personas = found.personas.map((persona) => {
      const id = avatarId(persona.publicKey)
      return {
        id,
        nickname: persona.nickname ?? null,
        inVaultAs: record?.avatars.find((avatar) => avatar.id === id)?.name ?? null,
        phraseHadPassphrase: persona.phraseHadPassphrase === true,
      }
    })
    const readingId = await deps.readings.hold(found.personas)
    return {
      kind: 'found',
      readingId,
      format: found.format,
      personas,
      skippedContacts: found.skippedContacts,
      openedWith,
    }
  }

  async function importMaskPersonas(params: unknown): Promise<{ state: WalletState; outcomes: MaskImportOutcome[] }> {
    const { readingId, avatars, password } = requirePlainObject(params, 'params')
    await deps.session.enforceDeadline()
    const personas = await deps.readings.get(requireNonEmptyString(readingId, 'readingId'))
    // Every choice is checked before the first import, so a bad name or id changes nothing.
    const chosen = requireChoices(avatars).map(({ id, name }) => ({ name, persona: findPersona(personas, id) }))
    const outcomes: MaskImportOutcome[] = []
    for (const { name, persona } of chosen) {
      const id = avatarId(persona.publicKey)
      const existing = (await readVaultRecord(deps.records))?.avatars.find((avatar) => avatar.id === id)
      if (existing) {
        outcomes.push({ id, name, outcome: 'already-in-vault', inVaultAs: existing.name })
        continue
      }
      const { secret, source } = vaultEntry(id, persona)
      await deps.avatars.addAvatar({ secret, source, name }, password)
      outcomes.push({ id, name, outcome: 'imported' })
    }
    await deps.readings.clear()
    return { state: await deps.session.state(), outcomes }
  }

  async function discoverAvatar(params: unknown): Promise<AvatarDiscovery> {
    const { id } = requirePlainObject(params, 'params')
    return deps.session.track(async () => {
      const { record } = await deps.session.open()
      const avatar = requireNonEmptyString(id, 'id').toLowerCase()
      if (!record.avatars.some((entry) => entry.id === avatar)) throw new NotFoundError(`avatar ${avatar.slice(0, 70)}`)
      const { endpoints } = await deps.settings.get()
      const kvService = createKvServiceClient({ baseUrl: endpoints.kvServiceUrl, fetch: deps.fetch })
      const [bindings, kv] = await Promise.all([
        settle(fetchAvatarBindings(endpoints.proofServiceUrl, avatar, deps.fetch, deps.now())),
        settle(kvService.getKv(avatar).then(toNamespaces)),
      ])
      return { bindings, kv }
    })
  }

  return { readMaskInput, importMaskPersonas, discoverAvatar }
}

/** By its media type, or by its first bytes (PNG, JPEG) when the browser gave none. */
function isImage(bytes: Uint8Array, mediaType: string): boolean {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  return mediaType.startsWith('image/') || png || jpeg
}

/** The answer, or the stable code of its failure for the popup to word. */
async function settle<T>(answer: Promise<T>): Promise<Discovered<T>> {
  try {
    return { ok: true, value: await answer }
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'INTERNAL'
    return { ok: false, code }
  }
}

function requireChoices(value: unknown): { id: string; name: string }[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidInputError('avatars', 'expected a non-empty list')
  return value.map((entry, index) => {
    const choice = requirePlainObject(entry, `avatars[${index}]`)
    const id = requireNonEmptyString(choice.id, `avatars[${index}].id`).toLowerCase()
    return { id, name: requireAvatarName(choice.name, `avatars[${index}].name`) }
  })
}

function findPersona(personas: MaskPersona[], id: string): MaskPersona {
  const persona = personas.find((entry) => avatarId(entry.publicKey) === id)
  if (!persona) throw new NotFoundError(`persona ${id.slice(0, 70)} in this reading`)
  return persona
}

/** A persona from words keeps them (so the phrase can be revealed later); any other keeps its key. */
function vaultEntry(id: string, persona: MaskPersona): { secret: AvatarSecret; source: 'phrase' | 'private-key' } {
  if (persona.phrase) {
    const { words, passphrase } = persona.phrase
    const secret: AvatarSecret =
      passphrase === '' ? { id, kind: 'phrase', phrase: words } : { id, kind: 'phrase', phrase: words, passphrase }
    return { secret, source: 'phrase' }
  }
  return { secret: { id, kind: 'private-key', privateKey: bytesToHex(persona.privateKey) }, source: 'private-key' }
}

function optionalAccount(value: unknown): { account?: string } {
  return value === undefined ? {} : { account: requireString(value, 'account') }
}
