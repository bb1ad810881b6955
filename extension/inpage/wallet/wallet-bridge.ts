/**
 * Runs in: page (MAIN world), top frame, inside provider.iife.ts; dependency-free. Finds the page's
 * EIP-1193 wallets by EIP-6963 discovery (fallback: a bare window.ethereum as "Browser wallet") and
 * a Solana wallet (window.phantom.solana, or window.solana), and calls the chosen one for the relay
 * (content/wallet/wallet-relay.ts). platforms.md §4.1; nextid-protocol.md §6.5.
 */

const CHANNEL = 'nextid-wallet'
/** The id of the window.ethereum fallback (EIP-6963 uuids never look like this). */
export const LEGACY_WALLET_ID = 'window.ethereum'
/** The id of the page's Solana wallet. */
export const SOLANA_WALLET_ID = 'window.solana'
// Wallets announce synchronously on the request event; a short wait lets slower ones answer too.
const ANNOUNCE_WAIT_MS = 150

type Provider = { request(args: { method: string; params?: unknown }): Promise<unknown> }
type Announced = { info: Record<string, unknown>; provider: Provider }
// Phantom's shape: connect() → {publicKey}; signMessage(bytes, 'utf8') → {signature: Uint8Array}.
type SolanaProvider = {
  isPhantom?: unknown
  connect(): Promise<{ publicKey?: { toString(): string } }>
  signMessage(message: Uint8Array, display?: string): Promise<{ signature?: unknown }>
}

const isProvider = (value: unknown): value is Provider =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as Provider).request === 'function'

/** Starts listening for announcements at once (document_start) and answers the relay's requests. */
export function startWalletBridge(): void {
  const announced = new Map<string, Announced>()

  // EIP-6963: the dApp side keeps its announce listener for the page's whole life.
  window.addEventListener('eip6963:announceProvider', (event: Event) => {
    const detail = (event as CustomEvent).detail as { info?: unknown; provider?: unknown } | null
    if (typeof detail !== 'object' || detail === null) return
    const { info, provider } = detail
    if (typeof info !== 'object' || info === null || !isProvider(provider)) return
    const uuid = (info as Record<string, unknown>).uuid
    // A uuid seen before keeps its first provider: a second one with the same uuid is an imitation.
    if (typeof uuid !== 'string' || announced.has(uuid)) return
    announced.set(uuid, { info: info as Record<string, unknown>, provider })
  })

  async function discover(): Promise<unknown[]> {
    window.dispatchEvent(new Event('eip6963:requestProvider'))
    await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_WAIT_MS))
    const wallets = [...announced.entries()].map(([id, { info }]) => ({
      id,
      chain: 'ethereum',
      name: info.name,
      icon: info.icon,
      rdns: info.rdns,
    }))
    if (wallets.length === 0 && isProvider(legacyProvider())) {
      wallets.push({ id: LEGACY_WALLET_ID, chain: 'ethereum', name: 'Browser wallet', icon: '', rdns: '' })
    }
    const solana = solanaProvider()
    if (solana) {
      const name = solana.isPhantom === true ? 'Phantom' : 'Solana wallet'
      wallets.push({ id: SOLANA_WALLET_ID, chain: 'solana', name, icon: '', rdns: '' })
    }
    return wallets
  }

  function providerOf(walletId: unknown): Provider | undefined {
    if (walletId === LEGACY_WALLET_ID) {
      const legacy = legacyProvider()
      return isProvider(legacy) ? legacy : undefined
    }
    return typeof walletId === 'string' ? announced.get(walletId)?.provider : undefined
  }

  async function answer(op: unknown, walletId: unknown, method: unknown, params: unknown): Promise<unknown> {
    if (op === 'discover') return discover()
    if (walletId === SOLANA_WALLET_ID) return callSolana(method, params)

    const provider = providerOf(walletId)
    if (!provider) throw Object.assign(new Error('the wallet is no longer in the page'), { code: 4900 })
    if (typeof method !== 'string' || !Array.isArray(params)) {
      throw Object.assign(new Error('bad request'), { code: -32602 })
    }
    return provider.request({ method, params })
  }

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window) return
    const data: unknown = event.data
    if (typeof data !== 'object' || data === null) return
    const { channel, direction, id, op, walletId, method, params } = data as Record<string, unknown>
    if (channel !== CHANNEL || direction !== 'relay→page' || typeof id !== 'string') return
    const target = location.origin === 'null' ? '*' : location.origin
    const reply = (body: Record<string, unknown>) => {
      try {
        window.postMessage({ channel: CHANNEL, direction: 'page→relay', id, ...body }, target)
      } catch {
        // The wallet answered with something that cannot be cloned (a function, a DOM node, …).
        const error = { code: -32603, message: 'the wallet answered with something that is not plain data' }
        window.postMessage({ channel: CHANNEL, direction: 'page→relay', id, error }, target)
      }
    }
    answer(op, walletId, method, params).then(
      (result) => reply({ result }),
      (error: unknown) => {
        const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
        reply({ error: { code: Number.isSafeInteger(code) ? code : -32603, message: String(message ?? error) } })
      },
    )
  })
}

function legacyProvider(): unknown {
  return (window as { ethereum?: unknown }).ethereum
}

function solanaProvider(): SolanaProvider | undefined {
  const candidate =
    (window as { phantom?: { solana?: unknown } }).phantom?.solana ?? (window as { solana?: unknown }).solana
  if (typeof candidate !== 'object' || candidate === null) return undefined
  const { connect, signMessage } = candidate as SolanaProvider
  return typeof connect === 'function' && typeof signMessage === 'function' ? (candidate as SolanaProvider) : undefined
}

/** The two calls a Solana binding needs, answered as plain strings (base58 account, hex signature). */
async function callSolana(method: unknown, params: unknown): Promise<string> {
  const provider = solanaProvider()
  if (!provider) throw Object.assign(new Error('the wallet is no longer in the page'), { code: 4900 })
  if (method === 'solana_connect') return String((await provider.connect()).publicKey)
  const [message] = Array.isArray(params) ? params : []
  if (method !== 'solana_signMessage' || typeof message !== 'string') {
    throw Object.assign(new Error('bad request'), { code: -32602 })
  }
  // §6.5: ed25519 over the raw UTF-8 bytes of the payload.
  const { signature } = await provider.signMessage(new TextEncoder().encode(message), 'utf8')
  if (!(signature instanceof Uint8Array)) throw Object.assign(new Error('no signature'), { code: -32603 })
  return `0x${Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('')}`
}
