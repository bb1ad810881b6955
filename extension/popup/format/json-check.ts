/**
 * Live validation of the KV editor's text: where the first JSON error is, as a line and column the
 * user can find. Engines word (and place) JSON.parse errors differently, so a small scanner
 * (RFC 8259 grammar) finds the position and JSON.parse only builds the value once it is valid.
 */
export type JsonCheck =
  | { ok: true; value: unknown }
  | { ok: false; empty: boolean; offset: number; line: number; column: number }

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
// RFC 8259 §7: control characters U+0000–U+001F must be escaped inside strings.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the grammar forbids exactly these characters.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const LITERAL = /true|false|null/y

/** The parsed value, or where (0-based offset, 1-based line and column) the text stops being JSON. */
export function checkJson(text: string): JsonCheck {
  const end = scanDocument(text)
  if (end === undefined) return { ok: true, value: JSON.parse(text) }
  const before = text.slice(0, end).split('\n')
  return {
    ok: false,
    empty: text.trim() === '',
    offset: end,
    line: before.length,
    column: (before.at(-1)?.length ?? 0) + 1,
  }
}

/** Offset of the first error, or undefined when the whole text is one JSON value. */
function scanDocument(text: string): number | undefined {
  const scanner = { text, at: 0 }
  try {
    value(scanner)
    skip(scanner)
    if (scanner.at !== text.length) throw new ScanError(scanner.at)
    return undefined
  } catch (error) {
    if (error instanceof ScanError) return error.offset
    throw error
  }
}

class ScanError {
  constructor(readonly offset: number) {}
}

type Scanner = { text: string; at: number }

function skip(s: Scanner) {
  while (s.at < s.text.length && WHITESPACE.has(s.text.charAt(s.at))) s.at++
}

function expect(s: Scanner, char: string) {
  skip(s)
  if (s.text.charAt(s.at) !== char) throw new ScanError(s.at)
  s.at++
}

function token(s: Scanner, pattern: RegExp): boolean {
  pattern.lastIndex = s.at
  if (!pattern.test(s.text)) return false
  s.at = pattern.lastIndex
  return true
}

function value(s: Scanner): void {
  skip(s)
  const char = s.text.charAt(s.at)
  if (char === '{') {
    members(s, '}', () => {
      skip(s)
      if (!token(s, STRING)) throw new ScanError(s.at)
      expect(s, ':')
      value(s)
    })
  } else if (char === '[') {
    members(s, ']', () => value(s))
  } else if (!(char === '"' ? token(s, STRING) : token(s, NUMBER) || token(s, LITERAL))) {
    throw new ScanError(s.at)
  }
}

/** An object or array body: `open` is at s.at; items separated by commas up to `close`. */
function members(s: Scanner, close: string, item: () => void): void {
  s.at++
  skip(s)
  if (s.text.charAt(s.at) === close) {
    s.at++
    return
  }
  for (;;) {
    item()
    skip(s)
    const char = s.text.charAt(s.at)
    s.at++
    if (char === close) return
    if (char !== ',') throw new ScanError(s.at - 1)
  }
}
