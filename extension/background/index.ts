/** Runs in: the extension's background service worker. */
import browser from 'webextension-polyfill'
import type { Handlers, PopupApi } from '../messaging/catalogue.js'
import { isExtensionPage, serveApi } from '../messaging/server.js'

const popupHandlers = {
  async getStatus() {
    return { version: browser.runtime.getManifest().version, ready: true as const }
  },
} satisfies Handlers<PopupApi>

serveApi<PopupApi>('popup', popupHandlers, isExtensionPage)
