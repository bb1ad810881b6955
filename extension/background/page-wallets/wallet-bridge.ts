/**
 * Runs in: the background service worker. Reaches the wallets of a web page through this
 * extension's relay content script (content/wallet/wallet-relay.ts) and the MAIN-world bridge
 * (inpage/wallet/wallet-bridge.ts):
 *
 *   background --tabs.sendMessage {open, token}--> relay --runtime.connect('nextid-wallet')--> background
 *
 * The relay answers by opening a Port, so the page's origin comes from `port.sender` as the browser
 * reports it: without the "tabs" permission (which we do not ask for) a tab's URL is hidden from us,
 * and the page could lie about it anyway. Requests then go over that Port until it is closed.
 */
import { portOrigin } from '../dapp/port-server.js'
import { toWalletRequestError } from './wallet-answers.js'
import type { WalletPage, WalletPages } from './wallet-page.js'
import { NoWalletPageError, WalletPageClosedError, WalletTimeoutError } from './wallet-page-errors.js'

export const WALLET_PORT_NAME = 'nextid-wallet'
const CONNECT_TIMEOUT_MS = 5_000
const DISCOVER_TIMEOUT_MS = 5_000
// The user may take a while in the wallet's own window; the relay's keepalive holds the worker meanwhile.
const WALLET_TIMEOUT_MS = 10 * 60_000

// A timed-out open() is failed by its own timer, so an entry needs only the resolve half.
type Waiting = { tabId: number; resolve: (port: chrome.runtime.Port) => void }

/** The chrome implementation; registers its onConnect listener at once (call it at worker start). */
export function createChromeWalletPages(): WalletPages {
  const waiting = new Map<string, Waiting>()

  chrome.runtime.onConnect.addListener((port) => {
    if (port.name !== WALLET_PORT_NAME) return
    // The first message names which open() this Port answers; anything else closes it.
    const onFirst = (message: unknown) => {
      port.onMessage.removeListener(onFirst)
      const token = typeof message === 'object' && message !== null ? (message as { token?: unknown }).token : undefined
      const entry = typeof token === 'string' ? waiting.get(token) : undefined
      const sender = port.sender
      if (!entry || sender?.tab?.id !== entry.tabId || portOrigin(sender) === undefined) {
        port.disconnect()
        return
      }
      waiting.delete(token as string)
      entry.resolve(port)
    }
    port.onMessage.addListener(onFirst)
  })

  async function open(tabId: number): Promise<WalletPage> {
    const token = crypto.randomUUID()
    const connected = new Promise<chrome.runtime.Port>((resolve, reject) => {
      waiting.set(token, { tabId, resolve })
      setTimeout(() => {
        if (waiting.delete(token)) reject(new NoWalletPageError('the page did not answer; reload it and try again'))
      }, CONNECT_TIMEOUT_MS)
    })
    try {
      // frameId 0: only the top frame's relay; an iframe's origin is not the page the user sees.
      await chrome.tabs.sendMessage(tabId, { channel: WALLET_PORT_NAME, op: 'open', token }, { frameId: 0 })
    } catch {
      waiting.delete(token)
      throw new NoWalletPageError(
        'this tab is not a web page the extension can reach (reload it if it was open before)',
      )
    }
    const port = await connected
    return pageOverPort(tabId, port)
  }

  return {
    async openActive() {
      return open(await activeWebTabId())
    },
    open,
  }
}

/**
 * The action popup belongs to the last focused normal window, and the page the user sees is its
 * active tab. Asking for windows of type 'normal' keeps that true when the popup page itself runs in
 * a window of its own (type 'popup': the e2e tests, or an approval-style window), where "the active
 * tab of the current window" would be the popup page.
 */
async function activeWebTabId(): Promise<number> {
  let windowId: number | undefined
  try {
    windowId = (await chrome.windows.getLastFocused({ windowTypes: ['normal'] })).id
  } catch {
    throw new NoWalletPageError('no browser window is open')
  }
  const [tab] = await chrome.tabs.query({ active: true, ...(windowId === undefined ? {} : { windowId }) })
  if (tab?.id === undefined) throw new NoWalletPageError('no tab is active')
  return tab.id
}

/** Requests over an open relay Port; a closed Port fails whatever is still waiting. */
function pageOverPort(tabId: number, port: chrome.runtime.Port): WalletPage {
  const origin = portOrigin(port.sender) as string
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let counter = 0
  let closed = false

  port.onMessage.addListener((message: unknown) => {
    if (typeof message !== 'object' || message === null) return
    const { id, result, error } = message as Record<string, unknown>
    const entry = typeof id === 'number' ? pending.get(id) : undefined
    if (!entry) return // keepalive, or an answer nobody waits for
    pending.delete(id as number)
    if (error !== undefined) entry.reject(toWalletRequestError(error))
    else entry.resolve(result)
  })
  port.onDisconnect.addListener(() => {
    closed = true
    for (const entry of pending.values()) entry.reject(new WalletPageClosedError())
    pending.clear()
  })

  function call(body: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    if (closed) return Promise.reject(new WalletPageClosedError())
    const id = ++counter
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (pending.delete(id)) reject(new WalletTimeoutError(Math.round(timeoutMs / 1000)))
      }, timeoutMs)
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer)
          done(value)
        }
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) })
      try {
        port.postMessage({ id, ...body })
      } catch {
        pending.delete(id)
        settle(reject)(new WalletPageClosedError())
      }
    })
  }

  return {
    tabId,
    origin,
    discover: () => call({ op: 'discover' }, DISCOVER_TIMEOUT_MS),
    request: (walletId, method, params) => call({ op: 'request', walletId, method, params }, WALLET_TIMEOUT_MS),
    close() {
      if (closed) return
      closed = true
      port.disconnect()
      for (const entry of pending.values()) entry.reject(new WalletPageClosedError())
      pending.clear()
    },
  }
}
