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

export function createBackgroundClient<Api extends Record<string, Method>>(api: ApiName) {
  return async function call<Name extends keyof Api & string>(
    method: Name,
    ...[params]: Api[Name]['params'] extends undefined ? [] : [Api[Name]['params']]
  ): Promise<Api[Name]['result']> {
    const request: RequestEnvelope = { channel: CHANNEL, api, method, params }
    const reply: unknown = await browser.runtime.sendMessage(request)
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
