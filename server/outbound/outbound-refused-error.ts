/**
 * The server would not make (or finish) an outgoing request: its own rule, never the platform's
 * answer. `reason` is the code callers decide on; the message is our words only, so nothing a
 * platform sent (body, headers, internal addresses) ever reaches a client through it.
 */

export type OutboundRefusal = 'not-public' | 'port' | 'scheme' | 'redirect' | 'too-large' | 'busy'

export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError'
  readonly reason: OutboundRefusal

  constructor(reason: OutboundRefusal, message: string) {
    super(message)
    this.reason = reason
  }
}

/** The refusal behind an error from fetch (which wraps connection errors in `cause`), if any. */
export function findOutboundRefusal(error: unknown): OutboundRefusedError | undefined {
  let current = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof OutboundRefusedError) return current
    current = current.cause
  }
  return undefined
}
