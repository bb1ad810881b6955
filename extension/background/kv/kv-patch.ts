/**
 * A KV merge patch from the popup (§9.3), checked before anything reaches KVService: plain JSON
 * only, and no "__proto__" key (json8-merge-patch refuses it and it would be a prototype trap).
 */

import type { JsonValue } from '../../../src/client/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { describeValue } from '../../../src/input.js'

const MAX_DEPTH = 64

/** The patch as JSON, or InvalidInputError naming the path of the first bad value. */
export function requireKvPatch(value: unknown, field = 'patch'): JsonValue {
  check(value, field, 0)
  return value as JsonValue
}

function check(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new InvalidInputError(path, `nests deeper than ${MAX_DEPTH} levels (or is cyclic)`)
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(path, `expected a finite number, got ${value}`)
    return
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) check(item, `${path}[${index}]`, depth + 1)
    return
  }
  if (typeof value !== 'object' || !isPlain(value)) {
    throw new InvalidInputError(path, `expected a JSON value, got ${describeValue(value)}`)
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') throw new InvalidInputError(path, 'must not contain the key "__proto__"')
    check((value as Record<string, unknown>)[key], `${path}.${key.slice(0, 40)}`, depth + 1)
  }
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
