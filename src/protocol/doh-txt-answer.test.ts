import { describe, expect, test } from 'vitest'
import { DNS_RCODE, readDohTxtAnswer } from './doh-txt-answer.js'

describe('readDohTxtAnswer', () => {
  test('joins each TXT record’s quoted strings and skips other record types', () => {
    // Cloudflare's JSON (platforms.md §3.3): a CNAME on the way, a plain record, a record split in two.
    const body = {
      Status: 0,
      Answer: [
        { name: 'www.example.com.', type: 5, TTL: 300, data: 'example.com.' },
        { name: 'example.com.', type: 16, TTL: 300, data: '"v=spf1 -all"' },
        { name: 'example.com.', type: 16, TTL: 300, data: '"ps:true;v:1;" "sig:abc\\"d"' },
      ],
    }
    expect(readDohTxtAnswer(body)).toEqual({
      rcode: DNS_RCODE.noError,
      records: ['v=spf1 -all', 'ps:true;v:1;sig:abc"d'],
    })
  })

  test('NXDOMAIN without Answer, and an answer without Status', () => {
    expect(readDohTxtAnswer({ Status: 3, Authority: [{ type: 6, data: 'ns1.example.net.' }] })).toEqual({
      rcode: DNS_RCODE.nxDomain,
      records: [],
    })
    expect(() => readDohTxtAnswer({ Answer: [] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(() => readDohTxtAnswer('nope')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  test('ignores malformed answer entries', () => {
    expect(
      readDohTxtAnswer({ Status: 0, Answer: [null, 7, { type: 16, data: 42 }, { type: '16', data: '"x"' }] }),
    ).toEqual({
      rcode: 0,
      records: [],
    })
  })
})
