/**
 * Runs in: content script (ISOLATED world), top frame only, document_start; built standalone
 * (`*.iife.ts`, TOOLCHAIN.md) so a page's first request is never lost. Forwards well-formed
 * `nextid-dapp` requests from the page to the background over ONE Port and the answers and
 * events back. Nothing else crosses: no other channel, no runtime.sendMessage, no popup API —
 * except the wallet bridge (wallet/wallet-relay.ts), which the background opens to reach the
 * page's own wallets (EIP-1193 / EIP-6963 Ethereum wallets, and Solana's window.phantom.solana).
 *
 * The Port opens on the first request (not on every page load) and, when the worker restarts and
 * it closes, on the next one. Requests in flight then fail with 4900 and are NOT retried: a retry
 * could ask the user twice for one signature.
 */
import { startWalletRelay } from './wallet/wallet-relay.js'

const CHANNEL = 'nextid-dapp'
const MAX_MESSAGE_CHARS = 64 * 1024
const MAX_IN_FLIGHT = 64
// Port traffic keeps an MV3 worker alive; a request waiting for the user must not outlive it.
const KEEPALIVE_MS = 20_000

type RequestId = string | number

let port: chrome.runtime.Port | undefined
const inFlight = new Set<RequestId>()
let keepalive: ReturnType<typeof setInterval> | undefined

function toPage(message: Record<string, unknown>): void {
  window.postMessage(
    { channel: CHANNEL, direction: 'extension→page', ...message },
    location.origin === 'null' ? '*' : location.origin,
  )
}

function fail(id: RequestId, code: number, message: string): void {
  toPage({ id, error: { code, message } })
}

function connect(): chrome.runtime.Port {
  const opened = chrome.runtime.connect({ name: CHANNEL })
  opened.onMessage.addListener((message: unknown) => {
    if (typeof message !== 'object' || message === null) return
    const { id, result, error, event, data } = message as Record<string, unknown>
    if (typeof event === 'string') {
      toPage({ event, data })
      return
    }
    if (!isId(id) || !inFlight.delete(id)) return
    settleKeepalive()
    toPage(error === undefined ? { id, result } : { id, error })
  })
  opened.onDisconnect.addListener(() => {
    port = undefined
    for (const id of inFlight) fail(id, 4900, 'the extension restarted or was updated; try again')
    inFlight.clear()
    settleKeepalive()
  })
  return opened
}

function settleKeepalive(): void {
  if (inFlight.size > 0 && keepalive === undefined) {
    keepalive = setInterval(() => port?.postMessage({ keepalive: true }), KEEPALIVE_MS)
  } else if (inFlight.size === 0 && keepalive !== undefined) {
    clearInterval(keepalive)
    keepalive = undefined
  }
}

function isId(value: unknown): value is RequestId {
  return (
    (typeof value === 'string' && value.length > 0 && value.length <= 64) ||
    (Number.isSafeInteger(value) && (value as number) >= 0)
  )
}

/** Size of a page message as JSON; undefined when it is not JSON (cycles, BigInt, …). */
function jsonSize(value: unknown): number | undefined {
  try {
    return JSON.stringify(value)?.length
  } catch {
    return undefined
  }
}

/** Why a request with an id is refused here, as `[code, message]`; undefined when it may go on. */
function problemOf(
  id: RequestId,
  method: unknown,
  params: unknown,
  size: number | undefined,
): [number, string] | undefined {
  if (size === undefined || size > MAX_MESSAGE_CHARS) return [-32602, 'the request is not JSON or exceeds 64 KiB']
  if (typeof method !== 'string' || method.length === 0 || method.length > 128)
    return [-32602, 'expected a method name']
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    return [-32602, 'params must be an object or an array']
  }
  if (inFlight.has(id)) return [-32602, 'a request with this id is already in flight']
  if (inFlight.size >= MAX_IN_FLIGHT) return [-32603, 'too many requests in flight']
  return undefined
}

function forward(data: Record<string, unknown>): void {
  const { id, method, params } = data
  if (!isId(id)) return // nothing to answer: dropped silently
  const problem = problemOf(id, method, params, jsonSize(data))
  if (problem) {
    fail(id, ...problem)
    return
  }
  try {
    port ??= connect()
    inFlight.add(id)
    // JSON round trip: only plain data reaches the extension, whatever the page posted.
    port.postMessage({ id, method, params: params === undefined ? undefined : JSON.parse(JSON.stringify(params)) })
    settleKeepalive()
  } catch {
    inFlight.delete(id)
    port = undefined
    fail(id, 4900, 'the extension is not reachable')
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window) return
  const data: unknown = event.data
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return
  const envelope = data as Record<string, unknown>
  if (envelope.channel !== CHANNEL || envelope.direction !== 'page→extension') return
  forward(envelope)
})

// The wallet bridge (issue 5): a Port the background asks for, to reach the page's own wallets.
startWalletRelay()
