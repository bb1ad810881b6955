/**
 * Runs in: content script (ISOLATED world), top frame, inside relay.iife.ts. The wallet half of the
 * relay: when the background asks (tabs.sendMessage {open, token}), it opens a Port named
 * 'nextid-wallet' (so the background learns this page's origin from the browser) and carries
 * discover / request messages between that Port and the MAIN-world bridge (inpage/wallet/).
 *
 * The page sees these window messages and can answer in the bridge's place: the background treats
 * every answer as untrusted. Only answers to ids this relay sent are forwarded, as plain JSON.
 */
const CHANNEL = 'nextid-wallet'
const MAX_ANSWER_CHARS = 256 * 1024
// Port traffic keeps an MV3 worker alive while the user decides in the wallet's window.
const KEEPALIVE_MS = 20_000

type PortMessage = { id: number; op: 'discover' | 'request'; walletId?: unknown; method?: unknown; params?: unknown }

/** Listens for the background's open requests for the page's whole life. */
export function startWalletRelay(): void {
  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // From our own background only: content scripts and pages of other tabs cannot reach here.
    if (sender.id !== chrome.runtime.id || sender.tab !== undefined) return undefined
    if (typeof message !== 'object' || message === null) return undefined
    const { channel, op, token } = message as Record<string, unknown>
    if (channel !== CHANNEL || op !== 'open' || typeof token !== 'string' || token.length > 64) return undefined
    openPort(token)
    sendResponse(true)
    return undefined
  })
}

function openPort(token: string): void {
  const port = chrome.runtime.connect({ name: CHANNEL })
  const inFlight = new Map<string, number>() // id sent to the page → the background's id
  let keepalive: ReturnType<typeof setInterval> | undefined
  const pageOrigin = location.origin === 'null' ? '*' : location.origin

  const settleKeepalive = () => {
    if (inFlight.size > 0 && keepalive === undefined) {
      keepalive = setInterval(() => port.postMessage({ keepalive: true }), KEEPALIVE_MS)
    } else if (inFlight.size === 0 && keepalive !== undefined) {
      clearInterval(keepalive)
      keepalive = undefined
    }
  }

  const onPage = (event: MessageEvent) => {
    if (event.source !== window) return
    const data: unknown = event.data
    if (typeof data !== 'object' || data === null) return
    const { channel, direction, id, result, error } = data as Record<string, unknown>
    if (channel !== CHANNEL || direction !== 'page→relay' || typeof id !== 'string') return
    const backgroundId = inFlight.get(id)
    if (backgroundId === undefined) return
    inFlight.delete(id)
    settleKeepalive()
    port.postMessage(plainAnswer(backgroundId, result, error))
  }

  port.onMessage.addListener((message: unknown) => {
    if (!isPortMessage(message)) return
    const pageId = crypto.randomUUID()
    inFlight.set(pageId, message.id)
    settleKeepalive()
    const { op, walletId, method, params } = message
    window.postMessage(
      { channel: CHANNEL, direction: 'relay→page', id: pageId, op, walletId, method, params },
      pageOrigin,
    )
  })
  port.onDisconnect.addListener(() => {
    window.removeEventListener('message', onPage)
    inFlight.clear()
    settleKeepalive()
  })
  window.addEventListener('message', onPage)
  port.postMessage({ token })
}

function isPortMessage(value: unknown): value is PortMessage {
  if (typeof value !== 'object' || value === null) return false
  const { id, op } = value as Record<string, unknown>
  return Number.isSafeInteger(id) && (op === 'discover' || op === 'request')
}

/** The page's answer as plain JSON within a size cap; anything else becomes an error answer. */
function plainAnswer(id: number, result: unknown, error: unknown): Record<string, unknown> {
  try {
    const text = JSON.stringify(error === undefined ? { result: result ?? null } : { error })
    if (text.length > MAX_ANSWER_CHARS) throw new Error('too large')
    return { id, ...(JSON.parse(text) as Record<string, unknown>) }
  } catch {
    return { id, error: { code: -32603, message: 'the page answered with something that is not plain JSON' } }
  }
}
