import { isLosslessNumber, type LosslessNumber } from 'lossless-json'
import { describe, expect, it } from 'vitest'
import { parseJsonPreservingNumbers } from './parse-json.js'

describe('parseJsonPreservingNumbers', () => {
  it('keeps every number literal as a LosslessNumber', () => {
    const parsed = parseJsonPreservingNumbers('{"a": 1.0, "b": [12345678901234567890, -0, 2e3], "c": "x"}', 'body') as {
      a: LosslessNumber
      b: LosslessNumber[]
      c: string
    }
    expect(isLosslessNumber(parsed.a)).toBe(true)
    expect(parsed.a.value).toBe('1.0')
    expect(parsed.b.map((n) => n.value)).toEqual(['12345678901234567890', '-0', '2e3'])
    expect(parsed.c).toBe('x')
  })

  it('keeps a "__proto__" key as data', () => {
    const parsed = parseJsonPreservingNumbers('{"__proto__": {"polluted": true}}', 'body') as Record<string, unknown>
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(Object.keys(parsed)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses a key given twice with different values; equal repeats collapse', () => {
    expect(() => parseJsonPreservingNumbers('{"patch": {"a": 1, "a": 2}}', 'body')).toThrow(
      '"body" has the key "a" twice',
    )
    expect(parseJsonPreservingNumbers('{"a": "x", "a": "x"}', 'body')).toEqual({ a: 'x' })
  })

  it('refuses text that is not JSON, naming the field', () => {
    for (const bad of ['', '{', '{"a":1,}', 'NaN', "{'a':1}", '[1] 2', '01']) {
      expect(() => parseJsonPreservingNumbers(bad, 'body')).toThrow(/^"body" is not valid JSON: /)
    }
    expect(() => parseJsonPreservingNumbers(42, 'body')).toThrow('"body" expected string, got number')
  })
})
