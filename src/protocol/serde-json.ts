/**
 * KVService sign payloads as serde_json's `to_string` renders a `serde_json::Value` with the
 * `preserve_order` feature off (§3.6, §9.2): object keys sorted by their UTF-8 bytes at every
 * depth, compact, minimal string escaping, and numbers keeping serde's integer/float distinction.
 */
import { isLosslessNumber } from 'lossless-json'
import { InvalidInputError } from '../errors.js'
import { type JsonDialect, unicodeEscape, writeJson } from './json-writer.js'
import { formatRyuF64 } from './ryu-format.js'
import { parseSerdeNumber, type SerdeNumber } from './serde-number.js'
import { requireWellFormed } from './well-formed.js'

const SERDE_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

// serde_json escapes only what JSON requires: no HTML characters, no U+2028/U+2029.
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these control characters.
const SERDE_ESCAPED = /["\\\u0000-\u001f]/g

/**
 * Renders a JSON value as serde_json's `to_string`. Numbers may be lossless-json `LosslessNumber`s
 * (their literal decides integer vs float, so `1.0` stays `1.0`) or JS numbers (safe integers are
 * integers, everything else a float: pass a LosslessNumber when the literal matters).
 */
export function stringifySerdeJson(value: unknown, field = 'value'): string {
  return writeJson(value, field, SERDE_DIALECT)
}

/** A JSON string literal with serde_json's escaping (`"`, `\`, control characters only). */
export function quoteSerdeString(value: unknown, field = 'value'): string {
  const text = requireWellFormed(value, field)
  return `"${text.replace(SERDE_ESCAPED, (char) => SERDE_ESCAPES[char] ?? unicodeEscape(char))}"`
}

const SERDE_DIALECT: JsonDialect = {
  quote: quoteSerdeString,
  number(value, field) {
    if (typeof value === 'number') return formatJsNumber(value, field)
    if (typeof value === 'bigint') return formatSerdeNumber(parseSerdeNumber(value.toString(), field))
    if (isLosslessNumber(value)) return formatSerdeNumber(parseSerdeNumber(value.value, field))
    return undefined
  },
}

function formatJsNumber(value: number, field: string): string {
  if (!Number.isFinite(value)) throw new InvalidInputError(field, `expected a finite number, got ${value}`)
  // JSON.parse('-0') gives -0, which serde_json reads as the float -0.0.
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value)
  return formatRyuF64(value)
}

function formatSerdeNumber(number: SerdeNumber): string {
  return number.kind === 'integer' ? number.digits : formatRyuF64(number.value)
}
