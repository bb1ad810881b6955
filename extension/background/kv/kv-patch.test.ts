import { describe, expect, it } from 'vitest'
import { requireKvPatch } from './kv-patch.js'

describe('requireKvPatch', () => {
  it('accepts plain JSON, including null (delete) and non-object patches (replace all)', () => {
    const patch = { a: 1, b: null, c: [true, 'x', { d: -0.5 }], e: {} }
    expect(requireKvPatch(patch)).toBe(patch)
    expect(requireKvPatch(null)).toBeNull()
    expect(requireKvPatch('text')).toBe('text')
    expect(requireKvPatch(JSON.parse('{"k":{"l":[1,2]}}'))).toEqual({ k: { l: [1, 2] } })
  })

  it('refuses what JSON cannot carry, naming the path', () => {
    expect(() => requireKvPatch({ a: () => 1 })).toThrow('"patch.a" expected a JSON value, got function')
    expect(() => requireKvPatch({ a: [undefined] })).toThrow('"patch.a[0]" expected a JSON value, got undefined')
    expect(() => requireKvPatch(undefined)).toThrow('"patch" expected a JSON value, got undefined')
    expect(() => requireKvPatch({ n: Number.NaN })).toThrow('"patch.n" expected a finite number, got NaN')
    expect(() => requireKvPatch({ n: Number.POSITIVE_INFINITY })).toThrow('expected a finite number, got Infinity')
    expect(() => requireKvPatch({ d: new Date(0) })).toThrow('"patch.d" expected a JSON value, got object')
    expect(() => requireKvPatch({ b: 1n })).toThrow('"patch.b" expected a JSON value, got bigint')
  })

  it('refuses a "__proto__" key at any depth', () => {
    expect(() => requireKvPatch(JSON.parse('{"__proto__":{"x":1}}'))).toThrow(
      '"patch" must not contain the key "__proto__"',
    )
    expect(() => requireKvPatch(JSON.parse('{"a":[{"__proto__":1}]}'))).toThrow(
      '"patch.a[0]" must not contain the key "__proto__"',
    )
  })

  it('refuses a cyclic patch instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => requireKvPatch(cyclic)).toThrow('nests deeper than 64 levels (or is cyclic)')
  })
})
