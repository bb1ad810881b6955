import { Buffer } from 'node:buffer'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from './base64.js'
import { bytesToHex, hexToBytes } from './hex.js'

describe('standard padded base64', () => {
  it('agrees with Node’s Buffer (independent) both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(decodeBase64(text, 'value')).toEqual(bytes)
      }),
      { numRuns: 1000 },
    )
  })

  it.each([
    ['vBT+0qWu-Fx_', 'URL-safe alphabet'],
    ['QQ', 'missing padding'],
    ['QQ=', 'short padding'],
    ['Q===', 'too much padding'],
    ['QQ==\n', 'a newline'],
    [' QQ==', 'a space'],
    ['QR==', 'non-zero padding bits'],
  ])('rejects %j (%s)', (text) => {
    expect(() => decodeBase64(text, 'extra.signature')).toThrow(
      /^"extra\.signature" expected (standard padded|canonical) base64/,
    )
  })

  it('rejects a non-string naming the field', () => {
    expect(() => decodeBase64(65, 'signature')).toThrow('"signature" expected string, got number')
  })
})

describe('hex', () => {
  it('round-trips and agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(bytesToHex(bytes)).toBe(Buffer.from(bytes).toString('hex'))
        expect(hexToBytes(`0x${bytesToHex(bytes).toUpperCase()}`, 'value')).toEqual(bytes)
      }),
      { numRuns: 1000 },
    )
  })

  it('rejects odd length and non-hex digits', () => {
    expect(() => hexToBytes('abc', 'key')).toThrow('"key" expected an even number of hex digits, got 3')
    expect(() => hexToBytes('0xg0', 'key')).toThrow('"key" expected hex digits (0-9, a-f)')
    expect(() => hexToBytes('0x 00', 'key')).toThrow('"key" expected hex digits (0-9, a-f)')
  })
})
