/**
 * Serves one API in the background. The sender is checked before any handler runs: trust comes
 * from what the browser says about the sender, never from a field in the message.
 */
import browser, { type Runtime } from 'webextension-polyfill'
import type { ApiName, Handlers, Method } from './catalogue.js'
import { type ErrorReply, isRequestEnvelope, type Reply } from './envelope.js'
import { isOwnExtensionPage, originOf } from './sender-check.js'

export type SenderCheck = (sender: Runtime.MessageSender) => boolean

/** True for pages of this extension itself (popup, full tab, approval window); false for content scripts. */
export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  return isOwnExtensionPage(sender, { id: browser.runtime.id, origin: originOf(browser.runtime.getURL('/')) ?? '' })
}

/**
 * `handlers` may be built per message from the (already checked) sender, for APIs whose handlers
 * depend on who asks, e.g. the page helpers get the platform of the sending page.
 */
export function serveApi<Api extends Record<string, Method>>(
  api: ApiName,
  handlers: Handlers<Api> | ((sender: Runtime.MessageSender) => Handlers<Api>),
  isAllowed: SenderCheck,
): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isRequestEnvelope(message) || message.api !== api) return undefined
    if (!isAllowed(sender))
      return Promise.resolve(errorReply('FORBIDDEN', `${api} API is not available to this sender`))
    const served = typeof handlers === 'function' ? handlers(sender) : handlers
    if (!Object.hasOwn(served, message.method)) {
      return Promise.resolve(errorReply('UNKNOWN_METHOD', `unknown method ${api}.${message.method}`))
    }
    const handler = served[message.method as keyof Api] as (params: unknown) => Promise<unknown>
    return handler(message.params).then(
      (result): Reply => ({ ok: true, result }),
      (error: unknown) => toErrorReply(error),
    )
  })
}

// The plain facts an error may carry for the receiver to word: the field, an identity's rule and
// the words typed, the service's own message (quoted, never parsed), why a Mask input imports
// nothing and how many contacts it skipped.
const DETAIL_FIELDS = ['field', 'platform', 'rule', 'input', 'serviceMessage', 'reason', 'count'] as const

function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'INTERNAL'
    const facts = error as Error & Partial<Record<(typeof DETAIL_FIELDS)[number], unknown>>
    const details = Object.fromEntries(
      DETAIL_FIELDS.flatMap((name) => (typeof facts[name] === 'string' ? [[name, facts[name]]] : [])),
    )
    return errorReply(code, error.message, Object.keys(details).length > 0 ? details : undefined)
  }
  return errorReply('INTERNAL', 'unexpected failure')
}

function errorReply(code: string, message: string, details?: Record<string, string>): ErrorReply {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } }
}
