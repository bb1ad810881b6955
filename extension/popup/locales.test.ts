/** The two locales carry the same keys and placeholders, and every key the popup uses exists. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadMessages } from '../../test/support/locale-messages.js'

const en = loadMessages('en')
const zh = loadMessages('zh_CN')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(full)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

describe('locales', () => {
  it('have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort())
  })
  it('use the same placeholders, each one declared', () => {
    for (const [key, entry] of Object.entries(en)) {
      const other = zh[key]
      const used = (message: string) => [...message.matchAll(/\$([A-Z_]+)\$/g)].map((m) => m[1]?.toLowerCase()).sort()
      expect(used(other?.message ?? ''), key).toEqual(used(entry.message))
      for (const name of used(entry.message)) expect(entry.placeholders?.[name ?? ''], `${key}.${name}`).toBeDefined()
    }
  })
  it('translate every message into Chinese (no English left over)', () => {
    const untranslated = Object.keys(en).filter(
      (key) => zh[key]?.message === en[key]?.message && !['extensionName', 'popupTitle'].includes(key),
    )
    expect(untranslated).toEqual([])
  })
  it('hold every key the popup passes to t()', () => {
    const used = sources(import.meta.dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((m) => m[1] ?? ''),
    )
    expect(used.length).toBeGreaterThan(50)
    expect(used.filter((key) => !(key in en))).toEqual([])
  })
})
