/**
 * Runs in: unit tests. chrome.i18n.getMessage over one of the extension's real messages.json
 * files, so tests assert the texts users see, in each language, and fail when a key or a
 * placeholder goes missing.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

export type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>
export const LOCALES = ['en', 'zh_CN'] as const
export type Locale = (typeof LOCALES)[number]

/** The parsed messages.json of a locale. */
export function loadMessages(locale: Locale): Messages {
  const file = path.resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`)
  return JSON.parse(readFileSync(file, 'utf8')) as Messages
}

/** getMessage for one locale: named `$NAME$` placeholders, `$1`…`$9`, `$$`; '' for an unknown key, as Chrome answers. */
export function messageReader(locale: Locale): (key: string, substitutions?: string | string[]) => string {
  const messages = loadMessages(locale)
  return (key, substitutions) => {
    const entry = messages[key]
    if (!entry) return ''
    const values = substitutions === undefined ? [] : [substitutions].flat()
    const fill = (text: string) => text.replace(/\$([1-9])/g, (_, n: string) => values[Number(n) - 1] ?? '')
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g, (match, name?: string) => {
      if (match === '$$') return '$'
      if (name === undefined) return fill(match)
      return fill(entry.placeholders?.[name.toLowerCase()]?.content ?? '')
    })
  }
}
