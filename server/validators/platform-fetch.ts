/**
 * Platform calls for the validators: every request runs under the context's time limit, and every
 * way a platform can fail to answer (unreachable, timeout, a body that is not JSON) becomes a
 * PlatformUnavailableError — no verdict — never a crash or a hang.
 */
import { findOutboundRefusal } from '../outbound/outbound-refused-error.js'
import { PlatformUnavailableError, type ValidatorContext } from './validator.js'

/** Fetches `url` within `context.timeoutMs`; `label` names the platform in error messages. */
export async function fetchPlatform(
  context: ValidatorContext,
  label: string,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  try {
    return await context.fetch(url, { ...init, signal: AbortSignal.timeout(context.timeoutMs) })
  } catch (error) {
    throw unavailable(label, context, error)
  }
}

/** Reads a response body as JSON (still within the time limit the request was made with). */
export async function readPlatformJson(response: Response, label: string, context: ValidatorContext): Promise<unknown> {
  const text = await readPlatformText(response, label, context)
  try {
    return JSON.parse(text)
  } catch {
    throw new PlatformUnavailableError(`${label} answered HTTP ${response.status} with a body that is not JSON`)
  }
}

/** Reads a response body as text; a body cut off or too slow is a PlatformUnavailableError. */
export async function readPlatformText(response: Response, label: string, context: ValidatorContext): Promise<string> {
  try {
    return await response.text()
  } catch (error) {
    throw unavailable(label, context, error)
  }
}

/** The error for an HTTP status that gives no verdict (401, 403, 429, 5xx, …). */
export function unexpectedStatus(label: string, response: Response): PlatformUnavailableError {
  return new PlatformUnavailableError(`${label} answered HTTP ${response.status}`)
}

function unavailable(label: string, context: ValidatorContext, error: unknown): PlatformUnavailableError {
  if (error instanceof PlatformUnavailableError) return error
  const refusal = findOutboundRefusal(error)
  if (refusal) return new PlatformUnavailableError(`${label} was not asked or not read: ${refusal.message}`)
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new PlatformUnavailableError(`${label} did not answer within ${context.timeoutMs} ms`)
  }
  return new PlatformUnavailableError(`${label} is unreachable (${describeCause(error)})`)
}

// Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND …) is the cause.
function describeCause(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code
  if (cause instanceof Error) return cause.message
  return error instanceof Error ? error.message : String(error)
}

/** A JSON object from a platform's answer, or undefined for anything else (array, null, string …). */
export function asJsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}
