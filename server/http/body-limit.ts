/**
 * Caps request bodies (BODY_LIMIT_BYTES). The body is counted as it streams in, so a missing or
 * lying Content-Length does not get past the cap; a declared size above it is refused unread.
 * The buffered body then replaces the stream, so handlers read it as usual.
 */
import type { MiddlewareHandler } from 'hono'
import { HttpError } from './http-error.js'

const tooLarge = () => new HttpError(413, 'request body too large')

/** Answers 413 `request body too large` when the body exceeds `maxBytes`. */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body
    if (body === null) return next()
    const declared = c.req.header('content-length')
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge()
    const bytes = await readAtMost(body, maxBytes)
    // Rebuilt from its parts: @hono/node-server's request is not a real Request to copy from.
    const { url, method, headers, signal } = c.req.raw
    c.req.raw = new Request(url, { method, headers, signal, body: bytes })
    await next()
  }
}

async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
