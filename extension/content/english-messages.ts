/**
 * Runs in: unit tests only. Stands in for chrome.i18n with the real English messages.json, so the
 * banner tests assert the English texts users see and fail when a key or placeholder goes missing.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { vi } from 'vitest'

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>

const EN_MESSAGES = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Messages

/** chrome.i18n.getMessage over en/messages.json: named `$NAME$` placeholders, `$1`…`$9`, `$$`. */
export function readEnglishMessage(key: string, substitutions?: string | string[]): string {
  const entry = EN_MESSAGES[key]
  if (!entry) return '' // what Chrome answers for an unknown key
  const values = substitutions === undefined ? [] : [substitutions].flat()
  const fill = (text: string) => text.replace(/\$([1-9])/g, (_, n: string) => values[Number(n) - 1] ?? '')
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g, (match, name?: string) => {
    if (match === '$$') return '$'
    if (name === undefined) return fill(match)
    return fill(entry.placeholders?.[name.toLowerCase()]?.content ?? '')
  })
}

/** Installs the English reader as chrome.i18n.getMessage until vi.unstubAllGlobals(). */
export function stubEnglishMessages(): void {
  vi.stubGlobal('chrome', { i18n: { getMessage: readEnglishMessage, getUILanguage: () => 'en' } })
}
