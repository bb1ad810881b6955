/**
 * KV content changes by RFC 7396 JSON Merge Patch (§9.3): `null` deletes a key, arrays and
 * non-objects replace whole. Applied with json8-merge-patch on copies, so inputs stay untouched.
 */

import mergePatch from 'json8-merge-patch'
import { isLosslessNumber, type LosslessNumber } from 'lossless-json'
import { InvalidInputError } from '../errors.js'
import { describeValue } from '../input.js'
import { compareUtf8 } from './compare-utf8.js'
import { isPlainObject } from './plain-object.js'
import { stringifySerdeJson } from './serde-json.js'

export interface MergePatchChange {
  /** Object keys from the document root to the changed value. */
  path: string[]
  kind: 'added' | 'changed' | 'deleted'
  before?: unknown
  after?: unknown
}

/** Applies a merge patch to a document and returns the result; neither input is modified. */
export function applyMergePatch(document: unknown, patch: unknown): unknown {
  const target = copyIn(document, 'document', false)
  const changes = copyIn(patch, 'patch', true)
  return copyOut(mergePatch.apply(target, changes))
}

/** What changed between two documents, key by key, e.g. to preview `applyMergePatch(document, patch)`. */
export function diffMergePatch(before: unknown, after: unknown): MergePatchChange[] {
  // Rendering both validates them and gives the equality serde_json would see (1 ≠ 1.0).
  stringifySerdeJson(before, 'before')
  stringifySerdeJson(after, 'after')
  const changes: MergePatchChange[] = []
  collectChanges(before, after, [], changes)
  return changes
}

function collectChanges(before: unknown, after: unknown, path: string[], changes: MergePatchChange[]): void {
  if (!isPlainObject(before) || !isPlainObject(after)) {
    if (stringifySerdeJson(before) !== stringifySerdeJson(after)) changes.push({ path, kind: 'changed', before, after })
    return
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareUtf8)
  for (const key of keys) {
    const inBefore = Object.hasOwn(before, key)
    const inAfter = Object.hasOwn(after, key)
    if (!inAfter) changes.push({ path: [...path, key], kind: 'deleted', before: before[key] })
    else if (!inBefore) changes.push({ path: [...path, key], kind: 'added', after: after[key] })
    else collectChanges(before[key], after[key], [...path, key], changes)
  }
}

// json8 merges into anything whose typeof is 'object', which would include a LosslessNumber; a
// function is passed through untouched, so numbers travel boxed in one during the merge.
type Boxed = () => LosslessNumber

function copyIn(value: unknown, field: string, isPatch: boolean): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(field, `expected a finite number, got ${value}`)
    return value
  }
  if (isLosslessNumber(value)) return (() => value) satisfies Boxed
  if (Array.isArray(value)) return value.map((item, i) => copyIn(item, `${field}[${i}]`, isPatch))
  if (!isPlainObject(value))
    throw new InvalidInputError(field, `cannot be part of a JSON document: ${describeValue(value)}`)
  const copy: Record<string, unknown> = Object.create(null)
  for (const [key, item] of Object.entries(value)) {
    if (isPatch && key === '__proto__') throw new InvalidInputError('patch', 'must not contain the key "__proto__"')
    copy[key] = copyIn(item, `${field}.${key}`, isPatch)
  }
  return copy
}

function copyOut(value: unknown): unknown {
  if (typeof value === 'function') return (value as Boxed)()
  if (Array.isArray(value)) return value.map(copyOut)
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    // A stored document may hold a "__proto__" key (JSON.parse makes it an own property); keep it as data.
    Object.defineProperty(copy, key, { value: copyOut(item), enumerable: true, writable: true, configurable: true })
  }
  return copy
}
