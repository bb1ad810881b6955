/**
 * The background end of the relay's Port ('nextid-dapp'). The origin is taken from `port.sender`
 * only (a tab's top frame, http or https); nothing in a message can change it. Each message is
 * checked, rate-limited per origin and answered `{ id, result }` or `{ id, error: { code, message } }`.
 */
import { originOf } from '../../messaging/sender-check.js'
import { INTERNAL, INVALID_PARAMS, toDappError } from './dapp-error.js'
import type { DappCaller, DappService } from './dapp-service.js'
import type { RateLimiter } from './rate-limit.js'

export const PORT_NAME = 'nextid-dapp'
// The relay's cap on a whole request (relay.iife.ts); the Port is reachable without the relay too.
export const MAX_PARAMS_CHARS = 64 * 1024

/** The parts of chrome.runtime.Port the server uses (a fake one in tests). */
export type DappPort = {
  name: string
  sender?: { tab?: unknown; frameId?: number; url?: string; origin?: string }
  postMessage(message: unknown): void
  disconnect(): void
  onMessage: { addListener(listener: (message: unknown) => void): void }
  onDisconnect: { addListener(listener: () => void): void }
}

/** The caller a port speaks for — its page's origin, a fresh page id and its tab — or undefined when refused. */
export function portCaller(sender: DappPort['sender']): DappCaller | undefined {
  const origin = portOrigin(sender)
  const tabId = (sender?.tab as { id?: unknown } | undefined)?.id
  if (origin === undefined || !Number.isSafeInteger(tabId)) return undefined
  // One Port is one document: the relay's Port dies with it, so a fresh id names this page only.
  return { origin, page: { pageId: crypto.randomUUID(), tabId: tabId as number } }
}

/** The page origin a port speaks for, or undefined when it must be refused. */
export function portOrigin(sender: DappPort['sender']): string | undefined {
  if (!sender?.tab || (sender.frameId !== undefined && sender.frameId !== 0)) return undefined
  const origin = sender.origin ?? (sender.url === undefined ? undefined : originOf(sender.url))
  if (origin === undefined || !/^https?:\/\/[^/]+$/.test(origin)) return undefined
  // A disagreeing url and origin means something odd: refuse rather than guess.
  if (sender.url !== undefined && originOf(sender.url) !== origin) return undefined
  return origin
}

/** Serves dApp requests over ports and fans provider events out to them. */
export function createPortServer(service: DappService, limiter: RateLimiter) {
  const ports = new Map<DappPort, string>()
  // The page each tab shows: only top frames connect, and a tab shows one top-level document.
  const pageOfTab = new Map<number, DappCaller['page']>()

  const send = (port: DappPort, message: unknown) => {
    try {
      port.postMessage(message)
    } catch {
      ports.delete(port) // closed meanwhile: the page is gone
    }
  }

  const answer = (port: DappPort, caller: DappCaller, message: unknown) => {
    const { origin } = caller
    const request = parseRequest(message)
    if (request === undefined) return // no id to answer: dropped silently
    if (!('method' in request)) {
      send(port, { id: request.id, error: request.error })
      return
    }
    // Shape and params first, then the rate limit and (in the service) the lock: a malformed
    // request is answered -32602 whatever the burst or the vault's state.
    try {
      service.check(origin, request.method, request.params)
    } catch (error) {
      send(port, { id: request.id, error: toDappError(error) })
      return
    }
    if (!limiter.allow(origin)) {
      send(port, { id: request.id, error: { code: INTERNAL, message: 'too many requests from this site' } })
      return
    }
    service.handle(caller, request.method, request.params).then(
      (result) => send(port, { id: request.id, result: result ?? null }),
      (error: unknown) => send(port, { id: request.id, error: toDappError(error) }),
    )
  }

  return {
    /** Takes a newly connected port; refuses (disconnects) any sender that is not an http(s) tab. */
    connect(port: DappPort): void {
      if (port.name !== PORT_NAME) return
      const caller = portCaller(port.sender)
      if (caller === undefined) {
        port.disconnect()
        return
      }
      ports.set(port, caller.origin)
      // A new page in a tab means the tab's previous page is gone, even when its port's disconnect
      // has not arrived yet: its requests end now, not after the new page has hit the caps with them.
      const { tabId } = caller.page
      const previous = pageOfTab.get(tabId)
      if (previous) service.pageGone(previous)
      pageOfTab.set(tabId, caller.page)
      port.onDisconnect.addListener(() => {
        ports.delete(port)
        if (pageOfTab.get(tabId) === caller.page) pageOfTab.delete(tabId)
        // Again for a page already replaced: a request it sent just before it left may have come after.
        service.pageGone(caller.page)
      })
      port.onMessage.addListener((message) => {
        try {
          answer(port, caller, message)
        } catch {
          // A message must never take the worker down; answer() already replies where it can.
        }
      })
    },
    /** Sends `{ event, data }` to the pages of one origin, or to every page with null. */
    emit(origin: string | null, event: string, data: unknown): void {
      for (const [port, portOrigin] of [...ports]) {
        if (origin === null || portOrigin === origin) send(port, { event, data })
      }
    },
    get size() {
      return ports.size
    },
  }
}

type ParsedRequest =
  | { id: string | number; method: string; params: unknown }
  | { id: string | number; error: { code: number; message: string } }

/** The relay's request shape `{ id, method, params? }`; undefined when there is no usable id. */
export function parseRequest(message: unknown): ParsedRequest | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined
  const { id, method, params } = message as Record<string, unknown>
  const idOk =
    (typeof id === 'string' && id.length > 0 && id.length <= 64) || (Number.isSafeInteger(id) && (id as number) >= 0)
  if (!idOk) return undefined
  const requestId = id as string | number
  if (typeof method !== 'string' || method.length === 0 || method.length > 128) {
    return { id: requestId, error: { code: INVALID_PARAMS, message: 'expected a method name' } }
  }
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    return { id: requestId, error: { code: INVALID_PARAMS, message: 'params must be an object or an array' } }
  }
  const size = jsonSize(params)
  if (size === undefined || size > MAX_PARAMS_CHARS) {
    return { id: requestId, error: { code: INVALID_PARAMS, message: 'params are not JSON or exceed 64 KiB' } }
  }
  return { id: requestId, method, params }
}

/** Length of `value` as JSON (0 for undefined); undefined when it is not JSON (cycles, BigInt, …). */
function jsonSize(value: unknown): number | undefined {
  if (value === undefined) return 0
  try {
    return JSON.stringify(value)?.length
  } catch {
    return undefined
  }
}
