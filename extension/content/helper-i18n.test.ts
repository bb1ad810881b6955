/** Every key the helpers read exists in both locales; the English stand-in reads them as Chrome does. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readEnglishMessage, stubEnglishMessages } from '../../test/support/extension/english-messages.js'
import { helperText } from './helper-i18n.js'

type Messages = Record<string, { message: string }>
const root = path.resolve(import.meta.dirname, '../..')
const read = (locale: string) =>
  JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8')) as Messages

/** The helpers' sources (not the wallet relay, which shows nothing): their entry scripts and folders. */
function helperSources(): string[] {
  const dir = import.meta.dirname
  const entries = ['x-helper.iife.ts', 'gist-helper.iife.ts', 'page-banner.ts'].map((name) => path.join(dir, name))
  const folders = ['x', 'gist'].flatMap((folder) =>
    readdirSync(path.join(dir, folder))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => path.join(dir, folder, name)),
  )
  return [...entries, ...folders]
}

afterEach(() => vi.unstubAllGlobals())

describe('helper messages', () => {
  it('exist in en and zh_CN for every key the helpers read', () => {
    const used = helperSources().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bhelperText\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1] ?? ''),
    )
    expect(used.length).toBeGreaterThan(30)
    const en = read('en')
    const zh = read('zh_CN')
    expect(used.filter((key) => !(key in en) || !(key in zh))).toEqual([])
  })

  it('are read through chrome.i18n with positional substitutions', () => {
    const getMessage = vi.fn(readEnglishMessage)
    vi.stubGlobal('chrome', { i18n: { getMessage } })
    expect(helperText('helperGistWrongAccountText', 'bob', 'alice')).toBe(
      'You are signed in as bob, but this binding is for alice. Creating a gist here is blocked.',
    )
    expect(getMessage).toHaveBeenLastCalledWith('helperGistWrongAccountText', ['bob', 'alice'])
    expect(helperText('helperXCopyTextAction')).toBe('Copy text')
    expect(getMessage).toHaveBeenLastCalledWith('helperXCopyTextAction', undefined)
  })
})

describe('the English stand-in for chrome.i18n.getMessage', () => {
  it('fills named placeholders and $n, keeps $$ as $, and answers "" for an unknown key', () => {
    stubEnglishMessages()
    expect(chrome.i18n.getMessage('helperXDoneTitle', ['alice'])).toBe('@alice is bound')
    expect(chrome.i18n.getMessage('helperXDoneTitle', 'alice')).toBe('@alice is bound')
    expect(chrome.i18n.getMessage('no-such-key')).toBe('')
  })
})
