/**
 * Test double of a web page holding an EIP-1193 wallet (and optionally a Solana one): it answers like
 * the MAIN-world bridge would; the Ethereum wallet signs with viem's local account and the Solana one
 * with node:crypto's ed25519, both implementations independent of src/crypto.
 * What sits across the page boundary is faked; the signatures are real.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { base58 } from '@scure/base'
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { WalletPage, WalletPages } from '../../../extension/background/page-wallets/wallet-page.js'
import {
  WalletPageClosedError,
  WalletRequestError,
} from '../../../extension/background/page-wallets/wallet-page-errors.js'

export const TEST_WALLET_KEY: Hex = `0x${'4d'.repeat(32)}`
export const OTHER_WALLET_KEY: Hex = `0x${'5e'.repeat(32)}`
export const TEST_WALLET_ID = '0f6b2bb4-5b1c-4b7e-9a57-6f3c3f7a1c11'
export const SOLANA_WALLET_ID = 'window.solana'
export const SOLANA_WALLET = { id: SOLANA_WALLET_ID, chain: 'solana', name: 'Phantom', icon: '', rdns: '' }

/** An ed25519 key pair as a Solana wallet holds it, and its base58 address. */
export function createSolanaKey(): { privateKey: KeyObject; address: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  // The raw 32-byte key is the last 32 bytes of its SPKI DER form.
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  return { privateKey, address: base58.encode(new Uint8Array(raw)) }
}

export const TEST_WALLET_ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><circle cx="48" cy="48" r="40" fill="#f6851b"/></svg>')}`

/** What the fake page does; tests change it between steps. */
export type TestPageState = {
  origin: string
  wallets: unknown
  /** The key whose account the wallet shares. */
  accountKey: Hex
  /** The key it signs with (another one plays a page that lies about its account). */
  signingKey: Hex
  /** The user rejects the next requests in the wallet (4001). */
  reject: boolean
  /** A raw answer for eth_requestAccounts instead of the account (garbage tests). */
  accountsAnswer?: unknown
  /** The tab was closed. */
  closed: boolean
  /** The wallet never answers personal_sign (the user walked away). */
  hang: boolean
  /** personal_sign answers only once this settles (the user takes their time in the wallet). */
  signGate?: Promise<void> | undefined
  /** Requests cut off because the background closed the page while they waited. */
  abortedRequests: number
  /** The Solana wallet's account, and the key it signs with. */
  solanaAccount: ReturnType<typeof createSolanaKey>
  solanaSigner: ReturnType<typeof createSolanaKey>
  /** Every request the page got: method and params. */
  requests: { method: string; params: unknown[] }[]
}

const SOLANA_KEY = createSolanaKey()

export function createTestPageState(change: Partial<TestPageState> = {}): TestPageState {
  return {
    origin: 'https://wallet-dapp.example',
    wallets: [
      {
        id: TEST_WALLET_ID,
        chain: 'ethereum',
        name: 'Test Wallet',
        icon: TEST_WALLET_ICON,
        rdns: 'org.example.testwallet',
      },
    ],
    accountKey: TEST_WALLET_KEY,
    signingKey: TEST_WALLET_KEY,
    reject: false,
    closed: false,
    hang: false,
    abortedRequests: 0,
    solanaAccount: SOLANA_KEY,
    solanaSigner: SOLANA_KEY,
    requests: [],
    ...change,
  }
}

/** WalletPages over the fake page (tab 7 is the active one). */
export function createTestPages(state: TestPageState): WalletPages {
  const page = (tabId: number): WalletPage => {
    // Like the relay Port: closing the page fails what still waits on it.
    const waiting = new Set<() => void>()
    const untilAnsweredOrClosed = (until: Promise<void>) =>
      new Promise<void>((resolve, reject) => {
        const abort = () => {
          state.abortedRequests++
          reject(new WalletPageClosedError())
        }
        waiting.add(abort)
        void until.then(() => {
          waiting.delete(abort)
          resolve()
        })
      })
    return {
      tabId,
      origin: state.origin,
      discover: async () => state.wallets,
      async request(walletId, method, params) {
        state.requests.push({ method, params })
        if (state.closed) throw new WalletPageClosedError()
        if (walletId === SOLANA_WALLET_ID) return solanaAnswer(state, method, params)
        if (walletId !== TEST_WALLET_ID) throw new WalletRequestError(4900)
        if (state.reject) throw new WalletRequestError(4001)
        if (method === 'eth_requestAccounts') {
          return state.accountsAnswer ?? [privateKeyToAccount(state.accountKey).address]
        }
        if (method === 'personal_sign') {
          if (state.hang) await untilAnsweredOrClosed(new Promise<void>(() => {}))
          if (state.signGate) await untilAnsweredOrClosed(state.signGate)
          return privateKeyToAccount(state.signingKey).signMessage({ message: { raw: params[0] as Hex } })
        }
        throw new WalletRequestError(4200)
      },
      close() {
        for (const abort of waiting) abort()
        waiting.clear()
      },
    }
  }
  return {
    openActive: async () => page(7),
    async open(tabId) {
      if (state.closed) throw new WalletPageClosedError()
      return page(tabId)
    },
  }
}

/** Phantom's connect / signMessage as the bridge relays them: base58 account, hex signature. */
function solanaAnswer(state: TestPageState, method: string, params: unknown[]): string {
  if (state.reject) throw new WalletRequestError(4001)
  if (method === 'solana_connect') return state.solanaAccount.address
  if (method === 'solana_signMessage') {
    const signature = sign(null, new TextEncoder().encode(params[0] as string), state.solanaSigner.privateKey)
    return `0x${signature.toString('hex')}`
  }
  throw new WalletRequestError(4200)
}
