import { describe, expect, it } from 'vitest'
import { OutboundRefusedError } from './outbound-refused-error.js'
import { nextHop } from './redirect-hop.js'

const from = new URL('https://api.platform.example/v1/post?id=1')

function refusalOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof OutboundRefusedError && error.reason === 'redirect') return error.message
    throw error
  }
  throw new Error('no refusal')
}

describe('nextHop', () => {
  it('resolves a relative or absolute Location against the current URL', () => {
    expect(nextHop(from, '/v2/post', 0, 3).href).toBe('https://api.platform.example/v2/post')
    expect(nextHop(from, 'https://cdn.example/x', 2, 3).href).toBe('https://cdn.example/x')
  })

  it('never goes from https to http, or to another scheme', () => {
    expect(refusalOf(() => nextHop(from, 'http://api.platform.example/v1/post', 0, 3))).toBe(
      'a redirect from https to another scheme',
    )
    expect(refusalOf(() => nextHop(from, 'file:///etc/passwd', 0, 3))).toBe('a redirect from https to another scheme')
    expect(nextHop(new URL('http://plain.example/'), 'https://plain.example/', 0, 3).protocol).toBe('https:')
  })

  it('stops after the last allowed hop and without a usable Location', () => {
    expect(refusalOf(() => nextHop(from, '/again', 3, 3))).toBe('more than 3 redirects')
    expect(refusalOf(() => nextHop(from, null, 0, 3))).toBe('a redirect without a location')
    expect(refusalOf(() => nextHop(from, 'http://[not an address/', 0, 3))).toBe('a redirect without a usable location')
  })
})
