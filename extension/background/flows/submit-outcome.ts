/**
 * What a failed submission means for the flow (§4.5): the post is not visible yet (retry with
 * backoff), the avatar's chain moved (fresh payload, §5.4), or a hard failure named in words.
 */
import { NetworkError, ServiceError, TimeoutError } from '../../../src/errors.js'

/** 2 s, 4 s, 8 s … : about two minutes of waiting in all before "post not found". */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 4_000, 8_000, 16_000, 32_000, 64_000] as const

export type SubmitOutcome =
  | { kind: 'not-visible'; reason: string }
  | { kind: 'chain-moved'; reason: string }
  | { kind: 'failed'; reason: string }

// The validators' "not there (yet)" answers: the post, file or record is missing or unreadable for now.
const NOT_VISIBLE = [
  / not found: /,
  /^keybase file not found/,
  /^no Next\.ID TXT record for uuid /,
  /has no nextid record for avatar/,
  /does not show (status|note) /,
  / did not answer within /,
  / is unreachable /,
  /rate limit exceeded/,
]
const WRONG_ACCOUNT = [/is not sent by this account/, /owner mismatch/, /is for another avatar/]

/** Sorts a submitProof error into what the flow does next. */
export function classifySubmitError(error: unknown): SubmitOutcome {
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return { kind: 'failed', reason: `service down: ${error.message}` }
  }
  if (!(error instanceof ServiceError)) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) }
  }
  const message = error.serviceMessage
  if (error.status >= 500) return { kind: 'failed', reason: `service down: ${error.message}` }
  if (message.startsWith("bad signature: the avatar's proof chain changed"))
    return { kind: 'chain-moved', reason: message }
  if (NOT_VISIBLE.some((pattern) => pattern.test(message))) return { kind: 'not-visible', reason: message }
  if (WRONG_ACCOUNT.some((pattern) => pattern.test(message)))
    return { kind: 'failed', reason: `wrong account: ${message}` }
  if (/signature/i.test(message)) return { kind: 'failed', reason: `signature mismatch: ${message}` }
  return { kind: 'failed', reason: message }
}

/** The wait before attempt `attempts + 1` after `attempts` misses, or undefined when retries are exhausted. */
export function nextRetryDelay(
  attempts: number,
  delays: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
): number | undefined {
  return attempts >= 1 ? delays[attempts - 1] : undefined
}
