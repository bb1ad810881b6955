import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkJson } from './json-check.js'

describe('checkJson', () => {
  it('accepts JSON and returns the value', () => {
    expect(checkJson(' {"a": [1, -2.5e3, "x\\n", true, null], "b": {}} ')).toEqual({
      ok: true,
      value: { a: [1, -2500, 'x\n', true, null], b: {} },
    })
  })
  it('places the first error by line and column', () => {
    expect(checkJson('{\n  "a": 1,\n  "b": }')).toEqual({ ok: false, empty: false, offset: 19, line: 3, column: 8 })
    expect(checkJson('{"a": 1,}')).toMatchObject({ offset: 8, line: 1, column: 9 })
    expect(checkJson('{"a" 1}')).toMatchObject({ offset: 5 })
    expect(checkJson('{"a": 01}')).toMatchObject({ offset: 7 })
    expect(checkJson("{'a': 1}")).toMatchObject({ offset: 1 })
    expect(checkJson('[1, 2')).toMatchObject({ offset: 5 })
    expect(checkJson('{} x')).toMatchObject({ offset: 3 })
    expect(checkJson('"tab\there"')).toMatchObject({ offset: 0 })
  })
  it('reports empty text as empty', () => {
    expect(checkJson('  \n')).toMatchObject({ ok: false, empty: true, line: 2, column: 1 })
  })
  it('agrees with JSON.parse on what is JSON', () => {
    const texts = fc.oneof(
      fc.json(),
      fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '1', '-', '.', 'e', 'n', ' ', '\\') }),
    )
    fc.assert(
      fc.property(texts, (text) => {
        let parsed = true
        try {
          JSON.parse(text)
        } catch {
          parsed = false
        }
        expect(checkJson(text).ok).toBe(parsed)
      }),
      { numRuns: 1000 },
    )
  })
})
