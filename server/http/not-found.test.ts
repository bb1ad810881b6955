import { describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/server/http/test-app.js'

describe('not-found answers', () => {
  it('ProofService: 404 {"message":"not found"} as JSON', async () => {
    const res = await createTestApp({ notFound: 'json' }).request('/v1/proof/chain')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.text()).toBe('{"message":"not found"}')
  })

  it('KVService: 404 with the plain text "Not Found" (§9.1)', async () => {
    const res = await createTestApp({ notFound: 'text' }).request('/api/v1/nothing', { method: 'POST' })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res.text()).toBe('Not Found')
  })
})
