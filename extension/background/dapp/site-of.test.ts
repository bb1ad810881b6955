import { describe, expect, it } from 'vitest'
import { siteOf } from './site-of.js'

describe('siteOf', () => {
  it('groups subdomains under their last two labels and keeps addresses and one-label hosts whole', () => {
    expect(siteOf('https://a1.attacker.example')).toBe('attacker.example')
    expect(siteOf('https://x.y.attacker.example:8443')).toBe('attacker.example')
    expect(siteOf('https://attacker.example')).toBe('attacker.example')
    expect(siteOf('https://dapp.other.example')).toBe('other.example')
    expect(siteOf('http://localhost:3000')).toBe('localhost')
    expect(siteOf('http://192.168.1.20:8080')).toBe('192.168.1.20')
    expect(siteOf('http://[::1]:8080')).toBe('[::1]')
  })
})
