import { describe, expect, it } from 'vitest'
import { checkServiceUrl, ENDPOINT_PRESETS, presetOf } from './service-endpoints.js'

describe('presetOf', () => {
  it('names each preset and calls anything else custom', () => {
    expect(presetOf(ENDPOINT_PRESETS.production)).toBe('production')
    expect(presetOf(ENDPOINT_PRESETS.staging)).toBe('staging')
    expect(presetOf({ proofServiceUrl: 'http://127.0.0.1:8787', kvServiceUrl: 'http://127.0.0.1:8788' })).toBe('local')
    expect(presetOf({ proofServiceUrl: 'http://127.0.0.1:8787', kvServiceUrl: 'https://kv-service.next.id' })).toBe(
      'custom',
    )
  })
})

describe('checkServiceUrl', () => {
  it('accepts http(s) base URLs and drops the trailing slash', () => {
    expect(checkServiceUrl(' https://proof.example.com/ ')).toEqual({ ok: true, url: 'https://proof.example.com' })
    expect(checkServiceUrl('http://127.0.0.1:9000/base/')).toEqual({ ok: true, url: 'http://127.0.0.1:9000/base' })
  })
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['proof-service.next.id', 'not-a-url'],
    ['ftp://proof.example.com', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:pw@proof.example.com', 'credentials'],
    ['https://proof.example.com/?a=1', 'query'],
    ['https://proof.example.com/#x', 'query'],
    ['https://proof.example.com/?', 'query'],
  ])('refuses %j (%s)', (value, problem) => {
    expect(checkServiceUrl(value)).toEqual({ ok: false, problem })
  })
})
