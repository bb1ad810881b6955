/**
 * Reads a JSON request body, keeping its exact text next to the parsed value: KVService rebuilds
 * the sign payload from the patch as written (1.0 stays 1.0, §9.2), which JSON.parse loses. A body
 * that is not UTF-8 JSON is a 400 `when parsing body: …`, like gin's BindJSON (§4.4).
 */
import type { Context } from 'hono'
import { HttpError } from './http-error.js'

export type JsonBody = { text: string; value: unknown }

/** The body's exact text (a BOM is kept, and refused by JSON.parse) and its JSON.parse value. */
export async function readJsonBody(c: Context): Promise<JsonBody> {
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new HttpError(400, 'when parsing body: invalid UTF-8')
  }
  try {
    return { text, value: JSON.parse(text) }
  } catch (error) {
    throw new HttpError(400, `when parsing body: ${error instanceof Error ? error.message : String(error)}`)
  }
}
