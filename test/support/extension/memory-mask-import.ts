/**
 * Runs in: unit tests. "Import from Mask Network" wired as the composition root wires it, over the
 * test's in-memory stores; images decode with pngjs (the extension uses the browser's decoder), and
 * progress is collected for the test to read.
 */
import { PNG } from 'pngjs'
import { createMaskImport } from '../../../extension/background/mask-import/mask-import-flow.js'
import { createMaskReadings } from '../../../extension/background/mask-import/mask-readings.js'
import type { SettingsStore } from '../../../extension/background/storage/settings.js'
import type { RecordStore } from '../../../extension/background/storage/storage-ports.js'
import { createAvatarVault } from '../../../extension/background/vault/avatar-vault.js'
import type { VaultSession } from '../../../extension/background/vault/vault-session.js'
import type { MaskImportProgress } from '../../../extension/messaging/catalogue.js'
import type { FetchFunction } from '../../../src/client/index.js'
import type { VaultOptions } from '../../../src/vault/index.js'

export type MemoryMaskImportDeps = {
  session: VaultSession
  settings: SettingsStore
  fetch: FetchFunction
  now: () => number
  /** The profile's vault records, and its storage.session, where readings wait to be picked. */
  stores: { records: RecordStore; session: RecordStore }
  vaultOptions?: VaultOptions
}

/** `mask` for createPopupHandlers, and the progress it reported (null marks the end of an opening). */
export function createMemoryMaskImport({ stores, ...deps }: MemoryMaskImportDeps) {
  const progress: (MaskImportProgress | null)[] = []
  const avatars = createAvatarVault(deps.session, {
    records: stores.records,
    now: deps.now,
    ...(deps.vaultOptions ? { vaultOptions: deps.vaultOptions } : {}),
  })
  const mask = createMaskImport({
    ...deps,
    records: stores.records,
    avatars,
    readings: createMaskReadings(stores.session),
    readImage: async (bytes) => {
      const png = PNG.sync.read(Buffer.from(bytes))
      return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height }
    },
    onProgress: async (step) => void progress.push(step),
  })
  return { mask, progress }
}
