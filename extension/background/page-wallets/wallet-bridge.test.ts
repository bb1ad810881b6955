/**
 * The background end of the wallet bridge over a stand-in for chrome.runtime / chrome.tabs: only
 * the relay of the tab that was asked, in its top frame, may answer, and the page's origin is the
 * one the browser reports for that Port.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createChromeWalletPages, WALLET_PORT_NAME } from './wallet-bridge.js'

type Sender = { tab?: { id: number }; frameId?: number; url?: string; origin?: string }
type FakePort = ReturnType<typeof fakePort>

function fakePort(sender: Sender, name = WALLET_PORT_NAME) {
  const onMessage = new Set<(message: unknown) => void>()
  const onDisconnect = new Set<() => void>()
  const port = {
    name,
    sender,
    sent: [] as unknown[],
    disconnected: false,
    postMessage: (message: unknown) => port.sent.push(message),
    disconnect: () => {
      port.disconnected = true
    },
    onMessage: {
      addListener: (listener: (message: unknown) => void) => onMessage.add(listener),
      removeListener: (listener: (message: unknown) => void) => onMessage.delete(listener),
    },
    onDisconnect: { addListener: (listener: () => void) => onDisconnect.add(listener) },
    /** The relay posts `message`. */
    deliver: (message: unknown) => {
      for (const listener of [...onMessage]) listener(message)
    },
    /** The page goes away. */
    drop: () => {
      for (const listener of onDisconnect) listener()
    },
  }
  return port
}

let connectListeners: ((port: FakePort) => void)[]
let opened: { tabId: number; token: string }[]
let sendMessage: (tabId: number, message: { token: string }) => Promise<unknown>

beforeEach(() => {
  connectListeners = []
  opened = []
  sendMessage = async (tabId, message) => {
    opened.push({ tabId, token: message.token })
    return true
  }
  vi.stubGlobal('chrome', {
    runtime: { onConnect: { addListener: (listener: (port: FakePort) => void) => connectListeners.push(listener) } },
    tabs: {
      sendMessage: (tabId: number, message: { token: string }) => sendMessage(tabId, message),
      query: async () => [{ id: 7 }],
    },
    windows: { getLastFocused: async () => ({ id: 1, type: 'normal' }) },
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

/** The relay of `sender`'s tab connects and names `token`. */
function connect(sender: Sender, token: string, name = WALLET_PORT_NAME): FakePort {
  const port = fakePort(sender, name)
  for (const listener of connectListeners) listener(port)
  port.deliver({ token })
  return port
}

const TOP = { tab: { id: 7 }, frameId: 0, url: 'https://app.example/swap?x=1', origin: 'https://app.example' }
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createChromeWalletPages', () => {
  it('takes the origin from the Port sender of the asked tab’s top frame, refusing every other Port', async () => {
    const pages = createChromeWalletPages()
    const page = pages.openActive()
    await flush()
    const [{ tabId, token } = { tabId: -1, token: '' }] = opened
    expect(tabId).toBe(7)

    const otherTab = connect({ ...TOP, tab: { id: 8 } }, token)
    const iframe = connect({ ...TOP, frameId: 3 }, token)
    const wrongToken = connect(TOP, 'guess')
    const notHttp = connect({ ...TOP, url: 'file:///x', origin: 'file://' }, token)
    for (const port of [otherTab, iframe, wrongToken, notHttp]) expect(port.disconnected).toBe(true)

    const relay = connect(TOP, token)
    expect(relay.disconnected).toBe(false)
    const connected = await page
    expect(connected).toMatchObject({ tabId: 7, origin: 'https://app.example' })
    // The same token cannot be answered twice.
    expect(connect(TOP, token).disconnected).toBe(true)
  })

  it('answers requests by id, words wallet errors, and fails what is pending when the page goes away', async () => {
    const pages = createChromeWalletPages()
    const opening = pages.open(7)
    await flush()
    const relay = connect(TOP, opened[0]?.token ?? '')
    const page = await opening

    const discovered = page.discover()
    expect(relay.sent).toEqual([{ id: 1, op: 'discover' }])
    relay.deliver({ id: 99, result: 'nobody asked' })
    relay.deliver({ keepalive: true })
    relay.deliver({ id: 1, result: [{ id: 'w' }] })
    expect(await discovered).toEqual([{ id: 'w' }])

    const rejected = page.request('w', 'personal_sign', ['0x00', '0x11'])
    relay.deliver({ id: 2, error: { code: 4001, message: 'User rejected' } })
    await expect(rejected).rejects.toMatchObject({ code: 'WALLET_REJECTED' })

    const pending = page.request('w', 'personal_sign', ['0x00', '0x11'])
    relay.drop()
    await expect(pending).rejects.toMatchObject({ code: 'WALLET_PAGE_CLOSED' })
    await expect(page.discover()).rejects.toMatchObject({ code: 'WALLET_PAGE_CLOSED' })
  })

  it('says so when the tab has no relay to answer (not a web page, or opened before the extension)', async () => {
    sendMessage = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.')
    }
    await expect(createChromeWalletPages().openActive()).rejects.toMatchObject({ code: 'NO_WALLET_PAGE' })
  })
})
