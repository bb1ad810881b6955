/** Runs in: the extension's background service worker. Wires storage, the vault and the popup API. */
import browser from 'webextension-polyfill'
import {
  type BindingFlow,
  type Handlers,
  MASK_IMPORT_PROGRESS_KEY,
  type PageHelperApi,
  type PopupApi,
} from '../messaging/catalogue.js'
import { originOf } from '../messaging/sender-check.js'
import { isExtensionPage, serveApi } from '../messaging/server.js'
import { createPopupHandlers } from './api/popup-handlers.js'
import { createApprovalHandlers } from './dapp/approval-handlers.js'
import { createApprovalQueue } from './dapp/approval-queue.js'
import { createApprovalWindow, WINDOW_CLOSED } from './dapp/approval-window.js'
import { DISCONNECTED } from './dapp/dapp-error.js'
import { createDappService, disconnectEvent, type EmitEvent } from './dapp/dapp-service.js'
import { createPortServer } from './dapp/port-server.js'
import { createRateLimiter } from './dapp/rate-limit.js'
import { createSitePermissions, PERMISSIONS_KEY } from './dapp/site-permissions.js'
import { createKvFlow } from './kv/kv-flow.js'
import { readImagePixels } from './mask-import/image-pixels.js'
import { createMaskImport } from './mask-import/mask-import-flow.js'
import { createMaskReadings } from './mask-import/mask-readings.js'
import { createChromeWalletPages } from './page-wallets/wallet-bridge.js'
import { BINDING_RETRY_ALARM } from './proofs/binding-flows.js'
import { openPopupOnNotificationClick, showDoneNotification } from './proofs/done-notification.js'
import { servePageHelpers } from './proofs/page-helper.js'
import { createProofFeatures } from './proofs/proof-features.js'
import { createAwaitingRequests } from './storage/awaiting-requests.js'
import { AUTO_LOCK_ALARM, chromeLockAlarm, indexedDbStore, storageAreaStore } from './storage/browser-storage.js'
import { movedStore } from './storage/moved-store.js'
import { createSettingsStore, SETTINGS_KEY } from './storage/settings.js'
import { createAvatarVault } from './vault/avatar-vault.js'
import { createBackupFlow } from './vault/backup-flow.js'
import { createPhraseDrafts } from './vault/phrase-drafts.js'
import { createVaultSession } from './vault/vault-session.js'

const now = () => Date.now()
// The extension's IndexedDB, where content scripts cannot write: the vault record, the settings and
// the site permissions — the last two taken over from storage.local, where earlier versions kept
// them, on first read (issue 14). One store, so a restored backup writes all three in one transaction.
const records = movedStore(indexedDbStore, storageAreaStore(chrome.storage.local), [SETTINGS_KEY, PERMISSIONS_KEY])
const settings = createSettingsStore(records)
const sessionStore = storageAreaStore(chrome.storage.session)
const requests = createAwaitingRequests(sessionStore, now)
const drafts = createPhraseDrafts(sessionStore, now)
// Personas read from a Mask input wait here, keys and all, until the user picks them (issue 16).
const maskReadings = createMaskReadings(sessionStore)
const session = createVaultSession({
  records,
  session: sessionStore,
  settings,
  alarm: chromeLockAlarm,
  now,
  onLock: async () => {
    // dApps: pending approvals fail with 4900 and every page hears `disconnect` (issue 6).
    approvals.rejectAll(DISCONNECTED, 'the wallet was locked')
    emit(null, 'disconnect', disconnectEvent('the wallet was locked'))
    await Promise.all([requests.clear(), drafts.clear(), maskReadings.clear()])
  },
})
const avatars = createAvatarVault(session, { records, now })

// The dApp API (issue 6): one approval window, permissions in storage.local, pages over Ports.
// A wrapper, not the bare function: fetch must not be called as a method of another object.
const fetchApi = (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)
const approvalWindow = createApprovalWindow(() => {
  if (approvals.rejectShown(WINDOW_CLOSED.code, WINDOW_CLOSED.message) > 0) void approvalWindow.show()
}, now)
const approvals = createApprovalQueue({ now, awaiting: requests, showWindow: () => approvalWindow.show() })
const permissions = createSitePermissions(records)
const backup = createBackupFlow(session, avatars, { records, settings, permissions, now })
const emit: EmitEvent = (origin, event, data) => ports.emit(origin, event, data)
const dapp = createDappService({ session, settings, permissions, approvals, fetch: fetchApi, now, emit })
const ports = createPortServer(dapp, createRateLimiter(20, 1000, now))
chrome.runtime.onConnect.addListener((port) => ports.connect(port))

// Binding flows (issue 5): public data in storage.local; chrome.alarms wakes a stopped worker for a retry.
// A notification says it worked even when the popup is closed (issue 5).
const onDone = (flow: BindingFlow) => void showDoneNotification(flow, session).catch(() => undefined)
openPopupOnNotificationClick()
// Wallet flows reach the page's wallets through the relay; its Port listener must exist from worker start.
const proofs = createProofFeatures({
  session,
  settings,
  requests,
  store: storageAreaStore(chrome.storage.local),
  fetch: fetchApi,
  now,
  alarm: { set: (when) => chrome.alarms.create(BINDING_RETRY_ALARM, { when }) },
  onDone,
  pages: createChromeWalletPages(),
})
const { flows } = proofs
// A wallet request that the stopped worker left behind fails with a reason and can be tried again.
void proofs.wallets.resume().catch(() => undefined)

const popupHandlers = createPopupHandlers({
  version: browser.runtime.getManifest().version,
  startedAt: now(),
  session,
  avatars,
  drafts,
  settings,
  requests,
  backup,
  // A wrapper, not the bare function: fetch must not be called as a method of another object.
  fetch: fetchApi,
  now,
  proofs,
  kv: createKvFlow({ session, settings, requests, fetch: fetchApi }),
  mask: createMaskImport({
    session,
    avatars,
    records,
    readings: maskReadings,
    settings,
    fetch: fetchApi,
    now,
    readImage: readImagePixels,
    // Pushed to the popup through storage.session's change event: public numbers only, never a key.
    onProgress: (progress) =>
      progress ? sessionStore.set(MASK_IMPORT_PROGRESS_KEY, progress) : sessionStore.delete(MASK_IMPORT_PROGRESS_KEY),
  }),
  dapp: {
    handlers: createApprovalHandlers({ session, approvals, permissions, emit }),
    onAvatarsChanged: (remaining) => dapp.forgetRemovedAvatars(remaining),
  },
}) satisfies Handlers<PopupApi>

serveApi<PopupApi>('popup', popupHandlers, isExtensionPage)

// The x.com / gist.github.com helper content scripts (issue 5): the platform is the sending page's, as the browser reports it.
const pageHelpers = servePageHelpers(flows, {
  id: browser.runtime.id,
  origin: originOf(browser.runtime.getURL('/')) ?? '',
})
serveApi<PageHelperApi>('page-helper', pageHelpers.handlersFor, pageHelpers.isAllowed)

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void session.enforceDeadline()
  if (alarm.name === BINDING_RETRY_ALARM) void flows.resumeDue().catch(() => undefined)
})

// Every wake: a deadline that passed while the worker was stopped locks before anything is answered;
// then retries that fell due while the worker was stopped run.
void session
  .enforceDeadline()
  .then(() => flows.resumeDue())
  .catch(() => undefined)
