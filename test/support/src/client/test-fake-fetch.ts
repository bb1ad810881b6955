/**
 * Test helper: a fake `fetch` standing in for the service on the other side of the internet. It
 * records every request and answers with scripted raw HTTP bodies in the real wire format.
 */
import type { FetchFunction } from '../../../../src/client/http.js'

/** What the fake saw. */
export type RecordedRequest = {
  url: string
  method: string
  headers: Record<string, string>
  body: string | undefined
  signal: AbortSignal | undefined
}

/**
 * A scripted answer: a status and raw body text; `hang` never answers but rejects on abort like a
 * real fetch; `hang-deaf` ignores the abort signal; `hang-body` sends headers, then never the
 * body; an Error is thrown as a network failure.
 */
export type FakeAnswer = { status: number; body: string } | 'hang' | 'hang-deaf' | 'hang-body' | Error

/** A fake fetch answering `answers` in order; a request beyond the script fails the test. */
export function createFakeFetch(answers: FakeAnswer[]): { fetch: FetchFunction; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const queue = [...answers]
  const fetch: FetchFunction = async (url, init) => {
    requests.push({
      url,
      method: init?.method ?? 'GET',
      // Our requests only ever use plain-object headers and string bodies (http.ts).
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      body: init?.body as string | undefined,
      signal: init?.signal ?? undefined,
    })
    const answer = queue.shift()
    if (answer === undefined) throw new Error(`unexpected request ${url}`)
    if (answer instanceof Error) throw answer
    if (answer === 'hang') return hangUntilAborted(init?.signal ?? undefined)
    if (answer === 'hang-deaf') return new Promise<Response>(() => {})
    if (answer === 'hang-body') return { status: 200, ok: true, text: () => new Promise<string>(() => {}) } as Response
    return new Response(answer.body, { status: answer.status })
  }
  return { fetch, requests }
}

/** A JSON answer. */
export function answer(status: number, body: string): FakeAnswer {
  return { status, body }
}

function hangUntilAborted(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')))
  })
}
