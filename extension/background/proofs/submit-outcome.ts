/**
 * What a failed submission means for a flow, told apart by facts, never by the service's words
 * (issue 11): no HTTP answer or a 5xx is an outage, waited out; a 4xx is a refusal, whose meaning
 * the engine learns by re-reading the chain head (chain-head.ts); the service's message is kept
 * only to be quoted to the user.
 */
import { InvalidResponseError, NetworkError, ServiceError, TimeoutError } from '../../../src/errors.js'

/** 5 s, 10 s … doubling, then every 5 minutes: quick while a post is about to show, patient after. */
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000] as const

export type SubmitOutcome =
  /** Not reached, or reached but broken (5xx, a 2xx that is not the protocol's): try again later. */
  | { kind: 'outage'; httpStatus: number | null }
  /** The service refused what was submitted. */
  | { kind: 'refused'; serviceMessage: string }
  /** Our own failure, with its stable code. */
  | { kind: 'internal'; errorCode: string }

/** Sorts a failed call to the service. */
export function classifySubmitError(error: unknown): SubmitOutcome {
  if (error instanceof NetworkError || error instanceof TimeoutError) return { kind: 'outage', httpStatus: null }
  if (error instanceof InvalidResponseError) return { kind: 'outage', httpStatus: null }
  if (error instanceof ServiceError) {
    if (error.status >= 500 || error.status === 429 || error.status === 408) {
      return { kind: 'outage', httpStatus: error.status }
    }
    return { kind: 'refused', serviceMessage: error.serviceMessage }
  }
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'INTERNAL'
  return { kind: 'internal', errorCode: code }
}

/** The wait before attempt `attempts + 1`: the schedule's entry, its last one repeating. */
export function nextRetryDelay(attempts: number, delays: readonly number[] = DEFAULT_RETRY_DELAYS_MS): number {
  const index = Math.min(Math.max(attempts, 1), delays.length) - 1
  return delays[index] ?? DEFAULT_RETRY_DELAYS_MS[0]
}
