/**
 * Runs in: unit tests. The whole background over in-memory storage, wired as background/index.ts
 * wires it, with real src/vault crypto (minimum PBKDF2 count) and a service that answers 500.
 */

import { createPopupHandlers } from '../../../extension/background/api/popup-handlers.js'
import { createSitePermissions } from '../../../extension/background/dapp/site-permissions.js'
import { createAwaitingRequests } from '../../../extension/background/storage/awaiting-requests.js'
import { createSettingsStore } from '../../../extension/background/storage/settings.js'
import { createMemoryStore, type LockAlarm } from '../../../extension/background/storage/storage-ports.js'
import { createAvatarVault } from '../../../extension/background/vault/avatar-vault.js'
import { createBackupFlow } from '../../../extension/background/vault/backup-flow.js'
import { createPhraseDrafts } from '../../../extension/background/vault/phrase-drafts.js'
import { createVaultSession } from '../../../extension/background/vault/vault-session.js'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import { createMemoryFeatures } from './memory-features.js'
import { createMemoryMaskImport } from './memory-mask-import.js'

export const memoryVaultOptions = { iterations: MIN_PBKDF2_ITERATIONS }

/** IndexedDB (vault, settings, site permissions), storage.session and storage.local of one profile. */
export const createMemoryStores = () => ({
  records: createMemoryStore(),
  session: createMemoryStore(),
  local: createMemoryStore(),
})

/** One "service worker": new memory and handlers over shared stores (a restart keeps the stores). */
export function bootMemoryBackground(stores = createMemoryStores()) {
  const clock = { time: 1_700_000_000_000 }
  const alarms: (number | undefined)[] = []
  const alarm: LockAlarm = {
    set: async (when) => void alarms.push(when),
    clear: async () => void alarms.push(undefined),
  }
  const now = () => clock.time
  const vaultOptions = memoryVaultOptions
  const drafts = createPhraseDrafts(stores.session, now)
  // Settings and site permissions share the vault's store, as in the extension.
  const settings = createSettingsStore(stores.records)
  const permissions = createSitePermissions(stores.records)
  const requests = createAwaitingRequests(stores.session, now)
  const onLock = async () => {
    await Promise.all([drafts.clear(), requests.clear()])
  }
  const session = createVaultSession({ ...stores, settings, alarm, now, vaultOptions, onLock })
  const deps = { records: stores.records, now, vaultOptions }
  const avatars = createAvatarVault(session, deps)
  const backup = createBackupFlow(session, avatars, { ...deps, settings, permissions })
  const fetch = async () => new Response('{}', { status: 500 })
  const api = createPopupHandlers({
    version: '0.1.0',
    startedAt: 1_000,
    session,
    avatars,
    drafts,
    settings,
    requests,
    backup,
    fetch,
    now,
    ...createMemoryFeatures({ session, settings, requests, fetch, now, store: stores.local }),
    mask: createMemoryMaskImport({ session, settings, fetch, now, stores, vaultOptions }).mask,
  })
  return { api, stores, permissions, clock, alarms, restart: () => bootMemoryBackground(stores) }
}
