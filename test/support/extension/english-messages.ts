/**
 * Runs in: unit tests only. Stands in for chrome.i18n with the real English messages.json, so the
 * banner tests assert the English texts users see and fail when a key or placeholder goes missing.
 */
import { vi } from 'vitest'
import { messageReader } from '../locale-messages.js'

/** chrome.i18n.getMessage over en/messages.json: named `$NAME$` placeholders, `$1`…`$9`, `$$`. */
export const readEnglishMessage = messageReader('en')

/** Installs the English reader as chrome.i18n.getMessage until vi.unstubAllGlobals(). */
export function stubEnglishMessages(): void {
  vi.stubGlobal('chrome', { i18n: { getMessage: readEnglishMessage, getUILanguage: () => 'en' } })
}
