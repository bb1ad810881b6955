/**
 * Reads a response body into memory, at most `maxBytes` counted after decompression (fetch hands
 * over decoded chunks), so a gzip bomb or an endless answer is cut as soon as it passes the cap
 * and memory stays at the cap, never at what the platform claims or sends.
 */
import { OutboundRefusedError } from './outbound-refused-error.js'

export async function readCappedBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (body === null) return new Uint8Array()
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

export function tooLarge(maxBytes: number): OutboundRefusedError {
  return new OutboundRefusedError('too-large', `the answer is larger than ${maxBytes} bytes`)
}
