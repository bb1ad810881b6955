/**
 * ProofService sign payloads as Go's `encoding/json.Marshal` renders a `map[string]any` (§3.6, §5):
 * keys sorted by their UTF-8 bytes, no whitespace, and Go's HTML-safe string escaping, which
 * `JSON.stringify` does not do.
 */
import { InvalidInputError } from '../errors.js'
import { type JsonDialect, unicodeEscape, writeJson } from './json-writer.js'
import { requireWellFormed } from './well-formed.js'

// `\b` and `\f` get short escapes since Go 1.22; older Go wrote `\u0008` and `\u000c`. Payloads
// never hold control characters in practice (identities with them are refused, platforms.ts).
const GO_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

// Go escapes `<`, `>`, `&` (HTML safety) and U+2028/U+2029 (JavaScript line terminators);
// `/`, `+` and all other characters are written as UTF-8.
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these control characters.
const GO_ESCAPED = /["\\\u0000-\u001f<>&\u2028\u2029]/g

/** Renders a JSON value (object, array, string, boolean, null, safe integer) exactly as Go's json.Marshal. */
export function stringifyGoJson(value: unknown, field = 'value'): string {
  return writeJson(value, field, GO_DIALECT)
}

/** A JSON string literal with Go's escaping (HTML characters and U+2028/U+2029 as `\uXXXX`). */
export function quoteGoString(value: unknown, field = 'value'): string {
  const text = requireWellFormed(value, field)
  return `"${text.replace(GO_ESCAPED, (char) => GO_ESCAPES[char] ?? unicodeEscape(char))}"`
}

const GO_DIALECT: JsonDialect = {
  quote: quoteGoString,
  number: (value, field) => (typeof value === 'number' ? formatGoInteger(value, field) : undefined),
}

function formatGoInteger(value: number, field: string): string {
  // ProofService payloads hold only strings and null; integers are allowed, floats would need
  // Go's own float formatting and never occur.
  if (!Number.isSafeInteger(value)) {
    throw new InvalidInputError(field, `expected a safe integer, got ${value}`)
  }
  return String(value === 0 ? 0 : value)
}
