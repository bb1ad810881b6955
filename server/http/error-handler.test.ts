import { describe, expect, it } from 'vitest'
import { createRecordingLogger, createTestApp } from '../../test/support/server/http/test-app.js'

describe('createErrorHandler', () => {
  it('answers an HttpError with its status and message', async () => {
    const res = await createTestApp({ notFound: 'json' }).request('/http-error')
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({ message: 'already there' })
  })

  it('answers an InvalidInputError from src/ with 400 and its message', async () => {
    const res = await createTestApp({ notFound: 'json' }).request('/invalid-input')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({ message: '"public_key" expected 33 or 65 bytes, got 31' })
  })

  it("answers Hono's own HTTPException with its status in the same shape", async () => {
    const res = await createTestApp({ notFound: 'json' }).request('/hono-exception')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'no entry' })
  })

  it('answers anything else with 500 "internal error", logging it but never leaking it', async () => {
    const logger = createRecordingLogger()
    const res = await createTestApp({ notFound: 'json', logger }).request('/crash')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ message: 'internal error' })
    expect(text).not.toContain('secret')
    const logged = logger.lines.find((line) => line.message === 'internal error')
    expect(logged).toMatchObject({ level: 'error', service: 'test-service', method: 'GET', path: '/crash' })
    expect(logged?.error).toContain('Error: secret detail at /srv/app.ts:12')
  })
})
