import { describe, expect, it } from 'vitest'
import { createTestApp } from '../../test/support/server/http/test-app.js'

const post = (body: BodyInit) =>
  createTestApp({ notFound: 'json', bodyLimitBytes: 1 << 16 }).request('/echo', { method: 'POST', body })

describe('readJsonBody', () => {
  it('returns the exact text next to the parsed value', async () => {
    const text = '{ "patch": {"b": 1.0, "a": 10000000000000000000001}, "x": "\\u00e9" }'
    const res = await post(text)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ text, value: { patch: { b: 1, a: 1e22 }, x: 'é' } })
  })

  it('keeps multi-byte UTF-8 intact even when it arrives split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"name":"🎭 Verify"}')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10))
        controller.enqueue(bytes.slice(10))
        controller.close()
      },
    })
    const res = await createTestApp({ notFound: 'json' }).request('/echo', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(await res.json()).toEqual({ text: '{"name":"🎭 Verify"}', value: { name: '🎭 Verify' } })
  })

  // The text after the prefix is V8's own JSON.parse message, which varies between Node versions.
  const parseMessage = (text: string) => {
    try {
      JSON.parse(text)
    } catch (error) {
      return (error as Error).message
    }
    throw new Error(`${text} parsed`)
  }

  it.each(['{"a":', '', "{'a':1}", '\ufeff{}', '{"a":1} x'])('answers 400 for the malformed body %j', async (body) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ message: `when parsing body: ${parseMessage(body)}` })
  })

  it('answers 400 for a body that is not UTF-8', async () => {
    const res = await post(new Uint8Array([0x22, 0xff, 0x22]))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ message: 'when parsing body: invalid UTF-8' })
  })
})
