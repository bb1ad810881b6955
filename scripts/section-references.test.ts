/**
 * Every `§` reference in the repository (.ts, .tsx, .md, .mjs, .html, .json) resolves to a heading
 * of the document it names, so the protocol and platform facts the code relies on stay inside it:
 * - `NEXTID-PROTOCOL.md §4.5` or `nextid-protocol.md §4.5` → docs/nextid-protocol.md;
 * - `PLATFORMS.md §1.3` or `platforms.md §1.3` (any case) → docs/platforms.md;
 * - a bare `§4.5` → docs/nextid-protocol.md (inside docs/platforms.md: that document itself);
 *   in a file that also names platforms.md, a bare reference missing from the protocol falls back
 *   to docs/platforms.md;
 * - `§15 #12` → numbered item 12 (a list item or the first table cell) of §15;
 * - ranges (`§4–§9`, `§1.3–1.5`) need both ends; a list (`PLATFORMS.md §1.3, §1.4`, `§6.4/§6.5`)
 *   keeps the document of its first reference. `RFC 1035 §3.3.14` and the like are not ours.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SCANNED = ['src', 'server', 'extension', 'e2e', 'scripts', 'test', 'docs', 'README.md']
const SCANNED_EXTENSIONS = /\.(ts|tsx|md|mjs|html|json)$/
const THIS_FILE = 'scripts/section-references.test.ts'

const PROTOCOL_DOC = 'docs/nextid-protocol.md'
const PLATFORMS_DOC = 'docs/platforms.md'
const DOCS_BY_NAME: Record<string, string> = { 'nextid-protocol.md': PROTOCOL_DOC, 'platforms.md': PLATFORMS_DOC }

/** Section number → the numbers of its numbered items (`1. …` list items, `| 1 | …` table rows). */
type Sections = Map<string, Set<number>>

type SectionReference = {
  file: string
  line: number
  text: string
  /** The repository path of the document, or undefined when the reference names an unknown one. */
  doc: string | undefined
  sections: string[]
  items: number[]
  /** Whether a document name was written on it or on the list it continues. */
  named: boolean
}

/** Reads the numbered headings of a document and the numbered items under each. */
function parseSections(markdown: string): Sections {
  const sections: Sections = new Map()
  const open: { level: number; items: Set<number> }[] = []
  let inFence = false
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence
    if (inFence) continue
    const heading = /^(#{1,6})\s+(\d+(?:\.\d+)*)\.?\s/.exec(line)
    const level = /^(#{1,6})\s/.exec(line)?.[1]?.length
    if (level !== undefined) while (open.length > 0 && (open.at(-1)?.level ?? 0) >= level) open.pop()
    if (heading?.[1] && heading[2]) {
      const items = new Set<number>()
      sections.set(heading[2], items)
      open.push({ level: heading[1].length, items })
      continue
    }
    const item = /^(?:\|\s*(\d+)\s*\||(\d+)\.\s)/.exec(line)
    const n = Number(item?.[1] ?? item?.[2])
    if (item) for (const section of open) section.items.add(n)
  }
  return sections
}

// [1] document named before (`PLATFORMS.md §`, `` `NAME.md` §``, name at the end of the previous comment line),
// [2] section, [3] items (`#12`, `#2, #3`, `#13 #17`, `#9–#11`), [4] end of a range, [5] document named after (`§3.2 of NAME.md`).
const REFERENCE =
  /(?:([\w.-]+\.md)`?[ \t]*(?:\r?\n[ \t]*(?:\*|\/\/|--)?[ \t]*)?)?§[ \t]?(\d+(?:\.\d+)*)((?:[ \t]*[,–—]?[ \t]*#\d+)*)(?:[ \t]*[–—][ \t]*§?[ \t]?(\d+(?:\.\d+)*))?(?:[ \t]+of[ \t]+`?([\w.-]+\.md))?/g
const EXTERNAL_STANDARD = /\b(?:RFC|EIP|ERC|CAIP|BIP)[- ]?\d+\s*$/
const LIST_SEPARATOR = /^(?:\s|\*|\/\/)*(?:,|\/|and|or)?(?:\s|\*|\/\/)*$/

/** The `§` references of one file, each with the document it points into. */
function findReferences(file: string, text: string): SectionReference[] {
  const references: SectionReference[] = []
  const defaultDoc = file === PLATFORMS_DOC ? PLATFORMS_DOC : PROTOCOL_DOC
  let previous: { end: number; doc: string | undefined; named: boolean } | undefined
  for (const match of text.matchAll(REFERENCE)) {
    const [whole, before, section, items = '', rangeEnd, after] = match
    const start = match.index + whole.indexOf('§')
    if (!section || EXTERNAL_STANDARD.test(text.slice(Math.max(0, start - 20), start))) continue
    const name = before ?? after
    const continuesList = previous !== undefined && LIST_SEPARATOR.test(text.slice(previous.end, match.index))
    const named = name !== undefined || (continuesList && previous?.named === true)
    const doc = name ? DOCS_BY_NAME[name.toLowerCase()] : continuesList ? previous?.doc : defaultDoc
    references.push({
      file,
      line: text.slice(0, start).split('\n').length,
      text: whole.slice(whole.indexOf('§')).trim(),
      doc,
      sections: rangeEnd ? [section, rangeEnd] : [section],
      items: [...items.matchAll(/#(\d+)/g)].map((item) => Number(item[1])),
      named,
    })
    previous = { end: match.index + whole.length, doc, named }
  }
  return references
}

/** Why a reference does not resolve, or undefined when it does. */
function checkReference(reference: SectionReference, docs: Map<string, Sections>): string | undefined {
  if (reference.doc === undefined) return 'unknown document'
  const sections = docs.get(reference.doc)
  const missing = reference.sections.find((section) => !sections?.has(section))
  if (missing) return `no §${missing} in ${reference.doc}`
  const items = sections?.get(reference.sections[0] ?? '')
  const missingItem = reference.items.find((item) => !items?.has(item))
  if (missingItem !== undefined) return `no item #${missingItem} in §${reference.sections[0]} of ${reference.doc}`
  return undefined
}

function listFiles(path: string): string[] {
  const full = join(ROOT, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return SCANNED_EXTENSIONS.test(path) ? [path] : []
  return readdirSync(full)
    .filter((entry) => entry !== 'node_modules' && entry !== 'dist')
    .flatMap((entry) => listFiles(`${path}/${entry}`))
}

function readDocs(): Map<string, Sections> {
  return new Map(
    [PROTOCOL_DOC, PLATFORMS_DOC].map((doc) => [doc, parseSections(readFileSync(join(ROOT, doc), 'utf8'))]),
  )
}

describe('§ references', () => {
  it('all resolve to a heading (and item) of the document they name', () => {
    const docs = readDocs()
    const unresolved: string[] = []
    let count = 0
    for (const file of SCANNED.flatMap(listFiles).filter((file) => file !== THIS_FILE)) {
      const text = readFileSync(join(ROOT, file), 'utf8')
      for (const reference of findReferences(file, text)) {
        count++
        const problem = checkReference(reference, docs)
        if (problem) unresolved.push(`${reference.file}:${reference.line}  ${reference.text}  (${problem})`)
      }
    }
    expect(count, 'the scanner found no references: is the pattern broken?').toBeGreaterThan(0)
    expect(
      unresolved,
      `${unresolved.length} of ${count} § references do not resolve:\n${unresolved.join('\n')}\n`,
    ).toEqual([])
  })

  it('each document numbers a section once', () => {
    for (const doc of [PROTOCOL_DOC, PLATFORMS_DOC]) {
      const numbers = [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)]
      const seen = numbers.map((heading) => heading[1])
      expect(
        seen.filter((number, i) => seen.indexOf(number) !== i),
        doc,
      ).toEqual([])
    }
  })
})

describe('findReferences', () => {
  const find = (text: string, file = 'src/x.ts') =>
    findReferences(file, text).map(({ doc, sections, items, line }) => ({ doc, sections, items, line }))

  it('reads bare, named, item, range and list references', () => {
    const text = [
      '// bare (§4.5, §7.1) and items (§15 #13 #17, #18; §15 #9–#11)',
      '/** PLATFORMS.md §1.3–1.5, §1.6; `../shared/docs/NEXTID-PROTOCOL.md` §4–§9',
      ' * keys (§3.2 of NEXTID-PROTOCOL.md), wallets (PLATFORMS.md',
      ' * §4.1), then bare again (§6.4/§6.5) */',
    ].join('\n')
    expect(find(text)).toEqual([
      { doc: PROTOCOL_DOC, sections: ['4.5'], items: [], line: 1 },
      { doc: PROTOCOL_DOC, sections: ['7.1'], items: [], line: 1 },
      { doc: PROTOCOL_DOC, sections: ['15'], items: [13, 17, 18], line: 1 },
      { doc: PROTOCOL_DOC, sections: ['15'], items: [9, 11], line: 1 },
      { doc: PLATFORMS_DOC, sections: ['1.3', '1.5'], items: [], line: 2 },
      { doc: PLATFORMS_DOC, sections: ['1.6'], items: [], line: 2 },
      { doc: PROTOCOL_DOC, sections: ['4', '9'], items: [], line: 2 },
      { doc: PROTOCOL_DOC, sections: ['3.2'], items: [], line: 3 },
      { doc: PLATFORMS_DOC, sections: ['4.1'], items: [], line: 4 },
      { doc: PROTOCOL_DOC, sections: ['6.4'], items: [], line: 4 },
      { doc: PROTOCOL_DOC, sections: ['6.5'], items: [], line: 4 },
    ])
  })

  it('skips external standards and flags unknown documents', () => {
    expect(find('// RFC 1035 §3.3.14, RFC 7396 §2, EIP-1193 §4')).toEqual([])
    expect(find('// ARCHITECTURE.md §5')).toEqual([{ doc: undefined, sections: ['5'], items: [], line: 1 }])
  })

  it('reads bare references inside docs/platforms.md as its own sections', () => {
    expect(find('see §1.6', PLATFORMS_DOC)).toEqual([{ doc: PLATFORMS_DOC, sections: ['1.6'], items: [], line: 1 }])
  })
})

describe('parseSections', () => {
  it('keeps headings and numbered items, ignoring fenced code', () => {
    const sections = parseSections(
      [
        '## 15. Decisions',
        '| # | a |',
        '| 1 | x |',
        '| 2 | y |',
        '```',
        '## 99. not a heading',
        '```',
        '### 15.1 Sub',
        '3. z',
      ].join('\n'),
    )
    expect([...sections.keys()]).toEqual(['15', '15.1'])
    expect([...(sections.get('15') ?? [])]).toEqual([1, 2, 3])
    expect([...(sections.get('15.1') ?? [])]).toEqual([3])
  })
})
