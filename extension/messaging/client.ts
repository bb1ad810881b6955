/** Calls the background from an extension page: one generic client for every API. */
import browser from 'webextension-polyfill'
import type { ApiName, Method } from './catalogue.js'
import { CHANNEL, isReply, type RequestEnvelope } from './envelope.js'

/** An error the background answered with, keeping its stable code. */
export class BackgroundError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.code = code
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
    if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message)
    return reply.result as Api[Name]['result']
  }
}
