/**
 * Checks that a value is plain JSON before it is sent (KV patches, §9.3) or handed on. Its text
 * is signed inside the KV payload (§9.2), so strings must have a UTF-8 form.
 */
import { InvalidInputError } from '../errors.js'
import { describeValue } from '../input.js'
import { requireWellFormed } from '../protocol/well-formed.js'
import type { JsonObject, JsonValue } from './types.js'

const MAX_DEPTH = 128

/**
 * Returns the value typed as JSON when it is one: no undefined, functions, bigints, non-finite
 * numbers, class instances or cycles, which JSON.stringify would drop or turn into something else.
 */
export function requireJsonValue(value: unknown, field: string): JsonValue {
  checkJson(value, field, 0)
  return value as JsonValue
}

/** Like requireJsonValue, for a JSON object. */
export function requireJsonObject(value: unknown, field: string): JsonObject {
  if (!isPlainObject(value)) throw new InvalidInputError(field, `expected an object, got ${describeValue(value)}`)
  checkJson(value, field, 0)
  return value as JsonObject
}

function checkJson(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new InvalidInputError(path, `nests deeper than ${MAX_DEPTH} levels (or is cyclic)`)
  if (value === null || typeof value === 'boolean') return
  if (typeof value === 'string') {
    requireWellFormed(value, path)
    return
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(path, `expected a finite number, got ${value}`)
    return
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkJson(item, `${path}[${index}]`, depth + 1)
    return
  }
  if (!isPlainObject(value)) throw new InvalidInputError(path, `expected a JSON value, got ${describeJs(value)}`)
  for (const [key, item] of Object.entries(value)) {
    requireWellFormed(key, `${path} key`)
    checkJson(item, `${path}.${key}`, depth + 1)
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function describeJs(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object'
  return describeValue(value)
}
