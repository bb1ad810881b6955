/** Runs in: the extension's background service worker. Wires storage, the vault and the popup API. */
import browser from 'webextension-polyfill'
import type { Handlers, PopupApi } from '../messaging/catalogue.js'
import { isExtensionPage, serveApi } from '../messaging/server.js'
import { createAvatarVault } from './avatar-vault.js'
import { createBackupFlow } from './backup-flow.js'
import { AUTO_LOCK_ALARM, chromeLockAlarm, indexedDbStore, storageAreaStore } from './browser-storage.js'
import { createPhraseDrafts } from './phrase-drafts.js'
import { createPopupHandlers } from './popup-handlers.js'
import { createPreparedRequests } from './prepared-requests.js'
import { createSettingsStore } from './settings.js'
import { createVaultSession } from './vault-session.js'

const now = () => Date.now()
const drafts = createPhraseDrafts(now)
const settings = createSettingsStore(storageAreaStore(chrome.storage.local))
const sessionStore = storageAreaStore(chrome.storage.session)
const requests = createPreparedRequests(sessionStore, now)
const session = createVaultSession({
  records: indexedDbStore,
  session: sessionStore,
  settings,
  alarm: chromeLockAlarm,
  now,
  onLock: () => {
    drafts.clear()
    return requests.clear()
  },
})
const avatars = createAvatarVault(session, { records: indexedDbStore, now })
const backup = createBackupFlow(session, { records: indexedDbStore, now })

const popupHandlers = createPopupHandlers({
  version: browser.runtime.getManifest().version,
  session,
  avatars,
  drafts,
  settings,
  requests,
  backup,
  // A wrapper, not the bare function: fetch must not be called as a method of another object.
  fetch: (input, init) => globalThis.fetch(input, init),
  now,
}) satisfies Handlers<PopupApi>

serveApi<PopupApi>('popup', popupHandlers, isExtensionPage)

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void session.enforceDeadline()
})

// Every wake: a deadline that passed while the worker was stopped locks before anything is answered.
void session.enforceDeadline()
