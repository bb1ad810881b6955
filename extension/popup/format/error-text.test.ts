/**
 * No background sentence reaches the popup: every error code the background or the core can
 * answer with has words of the popup's own, in every shipped language, whatever message it carried.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCALES, messageReader } from '../../../test/support/locale-messages.js'
import { errorText, WORDED_CODES } from './error-text.js'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const BACKGROUND_WORDS = 'a sentence written by the background, in English'

/** Every stable code thrown in the background and the core: `super('CODE'` and the core's ErrorCode union. */
function thrownCodes(): string[] {
  const files = ['extension/background', 'src'].flatMap((dir) => sourcesIn(path.join(ROOT, dir)))
  const codes = new Set<string>()
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/super\(\s*'([A-Z_]+)'|\?\s*'([A-Z_]+)'\s*:\s*'([A-Z_]+)'/g)) {
      for (const code of match.slice(1)) if (code) codes.add(code)
    }
  }
  const union = /export type ErrorCode =([^/]+?)\n\n/s.exec(readFileSync(path.join(ROOT, 'src/errors.ts'), 'utf8'))
  for (const match of union?.[1]?.matchAll(/'([A-Z_]+)'/g) ?? []) codes.add(match[1] ?? '')
  return [...codes].sort()
}

function sourcesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourcesIn(full)
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|type-test\.ts$/.test(entry.name) ? [full] : []
  })
}

describe('errorText', () => {
  it('has words for every code the background and the core throw', () => {
    const codes = thrownCodes()
    expect(codes.length).toBeGreaterThan(20)
    expect(codes.filter((code) => !WORDED_CODES.includes(code))).toEqual([])
  })

  it('words each of them in every language from the code alone, never showing the background message', () => {
    for (const locale of LOCALES) {
      const read = messageReader(locale)
      const translate = (key: string, ...substitutions: string[]) => read(key, substitutions)
      for (const code of WORDED_CODES) {
        const text = errorText(
          { code, details: { field: 'mnemonic', serviceMessage: 'tweet not found: 1' } },
          translate,
        )
        expect(text, `${locale} ${code}`).not.toBe('')
        expect(text, `${locale} ${code}`).not.toMatch(/\$[A-Z]+\$|\bmnemonic\b/)
        expect(text, `${locale} ${code}`).not.toContain(BACKGROUND_WORDS)
      }
    }
  })

  it('quotes the service, names the identity rule, and says the code of what it does not know', () => {
    const read = messageReader('en')
    const translate = (key: string, ...substitutions: string[]) => read(key, substitutions)
    expect(errorText({ code: 'SERVICE_ERROR', details: { serviceMessage: 'param invalid' } }, translate)).toBe(
      'The service answered with an error — param invalid',
    )
    expect(
      errorText(
        { code: 'INVALID_IDENTITY', details: { platform: 'dns', rule: 'not-a-domain', input: 'x!' } },
        translate,
      ),
    ).toBe('“x!” is not a domain name. Type a domain such as example.com.')
    expect(errorText({ code: 'INVALID_INPUT', details: { field: 'proofLocation' } }, translate)).toContain(
      'not a link or id of the post',
    )
    expect(errorText({ code: 'NETWORK_ERROR', details: {} }, translate)).not.toContain('Failed to fetch')
    expect(errorText({ code: 'SOMETHING_NEW', details: {} }, translate)).toBe(
      'Something went wrong (SOMETHING_NEW). Try again.',
    )
  })
})
