/**
 * The compact JSON writer Go's encoding/json and Rust's serde_json have in common: object keys
 * sorted by their UTF-8 bytes (Go's sorted map keys, serde's BTreeMap), no whitespace. What
 * differs between them — string escaping and numbers — is passed in.
 */
import { InvalidInputError } from '../errors.js'
import { describeValue } from '../input.js'
import { sortedKeysUtf8 } from './compare-utf8.js'
import { isPlainObject } from './plain-object.js'

export type JsonDialect = {
  quote(text: string, field: string): string
  /** Writes a number-like value (number, bigint, LosslessNumber), or returns undefined if it is not one. */
  number(value: unknown, field: string): string | undefined
}

/** Writes a JSON value in the given dialect; anything JSON cannot hold is refused naming the field. */
export function writeJson(value: unknown, field: string, dialect: JsonDialect): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'string') return dialect.quote(value, field)
  const number = dialect.number(value, field)
  if (number !== undefined) return number
  if (Array.isArray(value)) return `[${value.map((item, i) => writeJson(item, `${field}[${i}]`, dialect)).join(',')}]`
  if (isPlainObject(value)) {
    const members = sortedKeysUtf8(value).map(
      (key) => `${dialect.quote(key, field)}:${writeJson(value[key], `${field}.${key}`, dialect)}`,
    )
    return `{${members.join(',')}}`
  }
  throw new InvalidInputError(field, `cannot be written as JSON: ${describeValue(value)}`)
}

/** `\uXXXX` with lowercase hex, as both Go and serde write escapes without a short form. */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}
