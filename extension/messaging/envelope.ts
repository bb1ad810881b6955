/** The wire shape of a request and its reply between extension contexts. */

export const CHANNEL = 'nextid-companion'

export type RequestEnvelope = {
  channel: typeof CHANNEL
  api: string
  method: string
  params: unknown
}

/**
 * Errors cross the boundary as a code, plain string details for the receiver to word (the rule an
 * identity broke, the words the user typed), and a message for logs: no stack, no cause.
 */
export type ErrorReply = { ok: false; error: { code: string; message: string; details?: Record<string, string> } }
export type Reply = { ok: true; result: unknown } | ErrorReply

export function isRequestEnvelope(message: unknown): message is RequestEnvelope {
  if (typeof message !== 'object' || message === null) return false
  const candidate = message as Record<string, unknown>
  return candidate.channel === CHANNEL && typeof candidate.api === 'string' && typeof candidate.method === 'string'
}

export function isReply(message: unknown): message is Reply {
  if (typeof message !== 'object' || message === null) return false
  const candidate = message as Record<string, unknown>
  return candidate.ok === true || (candidate.ok === false && typeof candidate.error === 'object')
}
