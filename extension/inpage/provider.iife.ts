/**
 * Runs in: page (MAIN world), top frame, document_start. Keep dependency-free and small.
 * `window.nextid`: an EIP-1193-shaped provider, announced EIP-6963-style under our own event names
 * (platforms.md §4.1–4.2). It talks to the relay only through window.postMessage envelopes.
 */
import { startWalletBridge } from './wallet/wallet-bridge.js'

type Listener = (data: unknown) => void
type Envelope = {
  channel?: unknown
  direction?: unknown
  id?: unknown
  event?: unknown
  data?: unknown
  result?: unknown
  error?: { code?: unknown; message?: unknown }
}

;(() => {
  const CHANNEL = 'nextid-dapp'
  if ('nextid' in window) return
  const session = crypto.randomUUID()
  const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  const listeners = new Map<string, Set<Listener>>()
  let counter = 0

  const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code })

  window.addEventListener('message', (event: MessageEvent) => {
    // Only our own window's relay; other frames cannot answer for it.
    if (event.source !== window) return
    const data = event.data as Envelope | null
    if (typeof data !== 'object' || data === null || data.channel !== CHANNEL || data.direction !== 'extension→page')
      return
    if (typeof data.event === 'string') {
      for (const listener of [...(listeners.get(data.event) ?? [])]) {
        try {
          listener(data.data)
        } catch (error) {
          setTimeout(() => {
            throw error
          })
        }
      }
      return
    }
    const entry = typeof data.id === 'string' ? pending.get(data.id) : undefined
    if (!entry) return
    pending.delete(data.id as string)
    if (data.error) entry.reject(rpcError(Number(data.error.code) || -32603, String(data.error.message)))
    else entry.resolve(data.result)
  })

  const provider = Object.freeze({
    isNextId: true,
    /** EIP-1193 `request({ method, params })`; resolves with the result, rejects with `{ code, message }`. */
    request(args: { method: string; params?: unknown }): Promise<unknown> {
      if (typeof args !== 'object' || args === null || typeof args.method !== 'string') {
        return Promise.reject(rpcError(-32602, 'expected request({ method, params })'))
      }
      const id = `${session}:${++counter}`
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        try {
          const message = {
            channel: CHANNEL,
            direction: 'page→extension',
            id,
            method: args.method,
            params: args.params,
          }
          window.postMessage(message, location.origin === 'null' ? '*' : location.origin)
        } catch {
          pending.delete(id)
          reject(rpcError(-32602, 'params cannot be cloned'))
        }
      })
    },
    on(event: string, listener: Listener) {
      if (typeof listener !== 'function') return provider
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return provider
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener)
      return provider
    },
  })

  const icon =
    'data:image/svg+xml,' +
    encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="20" fill="#1c68f3"/><text x="48" y="62" font-family="sans-serif" font-size="40" font-weight="700" text-anchor="middle" fill="#fff">ID</text></svg>',
    )
  const info = Object.freeze({ uuid: crypto.randomUUID(), name: 'NextID Companion', icon, rdns: 'id.next.companion' })
  const detail = Object.freeze({ info, provider })
  const announce = () => window.dispatchEvent(new CustomEvent('nextid:announceProvider', { detail }))

  Object.defineProperty(window, 'nextid', { value: provider, enumerable: true, writable: false, configurable: false })
  window.addEventListener('nextid:requestProvider', announce)
  announce()
})()

// The page's own wallets, reached by the background through the relay (issue 5, Ethereum bindings).
startWalletBridge()
