import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findRawMember, measureJsonDepth } from './json-text-scan.js'

// JSON.stringify with random whitespace between tokens, so spans must be found, not re-rendered.
function spaced(value: unknown, pad: () => string): string {
  if (Array.isArray(value))
    return `[${pad()}${value.map((item) => spaced(item, pad)).join(`${pad()},${pad()}`)}${pad()}]`
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}${pad()}:${pad()}${spaced(item, pad)}`,
    )
    return `{${pad()}${members.join(`${pad()},${pad()}`)}${pad()}}`
  }
  return JSON.stringify(value)
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0
  return 1 + Math.max(0, ...Object.values(value).map(depthOf))
}

describe('findRawMember', () => {
  it('returns the exact text of a member, whitespace inside kept, literals untouched', () => {
    const text = ' { "a" : 1 , "patch" : { "x" : [ 1.0 , 1e21 ] , "y":"}\\"]" } , "b":null } '
    expect(findRawMember(text, 'patch')).toBe('{ "x" : [ 1.0 , 1e21 ] , "y":"}\\"]" }')
    expect(findRawMember(text, 'a')).toBe('1')
    expect(findRawMember(text, 'b')).toBe('null')
  })

  it('matches keys by their decoded value and lets the last repeat win, as JSON.parse does', () => {
    expect(findRawMember('{"pat\\u0063h":[1],"x":2}', 'patch')).toBe('[1]')
    expect(findRawMember('{"patch":1,"patch":2.50}', 'patch')).toBe('2.50')
    expect(findRawMember('{"p":{"patch":1}}', 'patch')).toBeUndefined()
    expect(findRawMember('{}', 'patch')).toBeUndefined()
    expect(findRawMember('[{"patch":1}]', 'patch')).toBeUndefined()
    expect(findRawMember('"patch"', 'patch')).toBeUndefined()
  })

  it('finds every member of any object, however it is spaced (property)', () => {
    const whitespace = fc.stringMatching(/^[ \t\n\r]{0,3}$/)
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.infiniteStream(whitespace), (record, pads) => {
        const text = spaced(record, () => pads.next().value as string)
        for (const [key, value] of Object.entries(record)) {
          const raw = findRawMember(text, key)
          expect(raw).toBeDefined()
          expect(JSON.parse(raw as string)).toEqual(JSON.parse(JSON.stringify(value)))
        }
      }),
      { numRuns: 1000 },
    )
  })
})

describe('measureJsonDepth', () => {
  it('counts nesting, ignoring brackets inside strings', () => {
    expect(measureJsonDepth('1')).toBe(0)
    expect(measureJsonDepth('"[[{"')).toBe(0)
    expect(measureJsonDepth('{}')).toBe(1)
    expect(measureJsonDepth('{"a":[[],{"b":"]]\\"[["}],"c":[[[1]]]}')).toBe(4)
    expect(measureJsonDepth(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toBe(5000)
  })

  it('equals the nesting of the parsed value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(measureJsonDepth(JSON.stringify(value))).toBe(depthOf(value))
      }),
      { numRuns: 1000 },
    )
  })
})
