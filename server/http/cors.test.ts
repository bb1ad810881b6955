import { describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/server/http/test-app.js'
import { CORS_HEADERS } from './cors.js'

const ALLOW_ORIGIN = 'access-control-allow-origin'

describe('cors', () => {
  it('answers a preflight with 204 and the allowed methods and headers, on any path', async () => {
    const app = createTestApp({ notFound: 'json' })
    for (const path of ['/ok', '/v1/unknown']) {
      const res = await app.request(path, {
        method: 'OPTIONS',
        headers: { Origin: 'https://dapp.example', 'Access-Control-Request-Method': 'POST' },
      })
      expect(res.status).toBe(204)
      expect(await res.text()).toBe('')
      expect(res.headers.get(ALLOW_ORIGIN)).toBe('*')
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
      expect(res.headers.get('access-control-allow-headers')).toBe(
        'Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token',
      )
    }
  })

  it('allows any origin on successes, errors, 404s and 413s alike', async () => {
    const app = createTestApp({ notFound: 'text', bodyLimitBytes: 4 })
    const responses = await Promise.all([
      app.request('/ok'),
      app.request('/invalid-input'),
      app.request('/crash'),
      app.request('/nowhere'),
      app.request('/echo', { method: 'POST', body: '"too long"' }),
    ])
    expect(responses.map((res) => res.status)).toEqual([200, 400, 500, 404, 413])
    for (const res of responses) {
      for (const [name, value] of Object.entries(CORS_HEADERS)) expect(res.headers.get(name)).toBe(value)
    }
  })

  it('adds the headers to a response whose own headers are immutable', async () => {
    const res = await createTestApp({ notFound: 'json' }).request('/redirect')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('https://example.com/')
    expect(res.headers.get(ALLOW_ORIGIN)).toBe('*')
  })
})
