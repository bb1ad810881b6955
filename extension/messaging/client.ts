/** Calls the background from an extension page: one generic client for every API. */
import browser from 'webextension-polyfill'
import type { ApiName, Method } from './catalogue.js'
import { CHANNEL, isReply, type RequestEnvelope } from './envelope.js'

/** An error the background answered with, keeping its stable code. */
export class BackgroundError extends Error {
  readonly code: string
  /** Plain values the UI words the error with (e.g. an identity's broken rule and the words typed). */
  readonly details: Readonly<Record<string, string>>

  constructor(code: string, message: string, details: Record<string, string> = {}) {
    super(message)
    this.code = code
    this.details = details
    this.name = 'BackgroundError'
  }
}

/**
 * How long a page waits for the background's answer. A background that the browser stopped or
 * suspended while it was answering (Chrome's idle service worker, Firefox's idle event page) never
 * replies; the page then says so instead of waiting forever. Calls that wait for a person at a
 * wallet get their own, longer time (`replyTimeouts`).
 */
export const REPLY_TIMEOUT_MS = 60_000

export function createBackgroundClient<Api extends Record<string, Method>>(
  api: ApiName,
  replyTimeouts: Partial<Record<keyof Api & string, number>> = {},
) {
  return async function call<Name extends keyof Api & string>(
    method: Name,
    ...[params]: Api[Name]['params'] extends undefined ? [] : [Api[Name]['params']]
  ): Promise<Api[Name]['result']> {
    const request: RequestEnvelope = { channel: CHANNEL, api, method, params }
    const timeoutMs = replyTimeouts[method] ?? REPLY_TIMEOUT_MS
    let timer: ReturnType<typeof setTimeout> | undefined
    const noReply = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs)
    })
    const reply: unknown = await Promise.race([browser.runtime.sendMessage(request), noReply]).finally(() =>
      clearTimeout(timer),
    )
    if (!isReply(reply)) throw new BackgroundError('NO_REPLY', `no reply to ${api}.${method}`)
    if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message, plainDetails(reply.error.details))
    return reply.result as Api[Name]['result']
  }
}

/** Only string values survive: details come from another context and are shown as text. */
function plainDetails(details: unknown): Record<string, string> {
  if (typeof details !== 'object' || details === null) return {}
  return Object.fromEntries(
    Object.entries(details).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}
