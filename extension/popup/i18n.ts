/** Every user-visible string goes through chrome.i18n (public/_locales/{en,zh_CN}/messages.json). */
import browser from 'webextension-polyfill'
import type messages from '../../public/_locales/en/messages.json'

export type MessageKey = keyof typeof messages

/** The message for `key` in the browser's language, with `$1`… filled from `substitutions`. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions.length > 0 ? substitutions : undefined)
}

/** The browser's UI language, for Intl formatting of dates and relative times. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage()
}
