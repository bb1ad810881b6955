/**
 * The test dApp at https://wallet-dapp.example (served by context.route from
 * e2e/fixtures/wallet-dapp/) and its EIP-6963 "Test Wallet", whose requests run here in Node on
 * viem's local account: an implementation independent of the extension's crypto. The popup is opened
 * in a window of its own, so the dApp stays the active tab of the normal window, as it is for the
 * real toolbar popup.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page, Worker } from '@playwright/test'
import { base58 } from '@scure/base'
import type { Hex } from 'viem'
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import { PopupPage } from './pages/popup-page.js'

export const DAPP_ORIGIN = 'https://wallet-dapp.example'
const DAPP_HTML = readFileSync(path.join(import.meta.dirname, 'fixtures', 'wallet-dapp', 'index.html'), 'utf8')

/** What the test wallet does; a test changes it between steps. */
export type TestWallet = {
  /** The account it shares (eth_requestAccounts). */
  account: PrivateKeyAccount
  /** The account it signs with: another one plays a page that lies about its account. */
  signer: PrivateKeyAccount
  /** The user rejects every request in the wallet (EIP-1193 4001). */
  reject: boolean
  /** Methods asked, in order. */
  requests: string[]
}

export function createTestWallet(key: Hex): TestWallet {
  const account = privateKeyToAccount(key)
  return { account, signer: account, reject: false, requests: [] }
}

type Answer = { result: unknown } | { error: { code: number; message: string } }

/** A Solana wallet (Phantom's shape in the page) signing with node:crypto's ed25519. */
export type TestSolanaWallet = { privateKey: KeyObject; address: string; reject: boolean; requests: string[] }

export function createTestSolanaWallet(): TestSolanaWallet {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  // The raw 32-byte key is the last 32 bytes of its SPKI DER form.
  const address = base58.encode(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)))
  return { privateKey, address, reject: false, requests: [] }
}

/** Serves the dApp, wires its wallet to `wallet`, and opens it in the browser's first tab. */
export async function openWalletDapp(
  context: BrowserContext,
  wallet: TestWallet,
  solana?: TestSolanaWallet,
): Promise<Page> {
  await context.route(`${DAPP_ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: DAPP_HTML }),
  )
  await context.exposeFunction('testWalletRequest', async (method: string, params: unknown[]): Promise<Answer> => {
    wallet.requests.push(method)
    if (wallet.reject) return { error: { code: 4001, message: 'User rejected the request.' } }
    if (method === 'eth_requestAccounts' || method === 'eth_accounts') return { result: [wallet.account.address] }
    if (method === 'personal_sign') {
      return { result: await wallet.signer.signMessage({ message: { raw: params[0] as Hex } }) }
    }
    return { error: { code: 4200, message: `unsupported method ${method}` } }
  })
  if (solana) {
    await context.exposeFunction('testSolanaRequest', async (method: string, message: string): Promise<Answer> => {
      solana.requests.push(method)
      if (solana.reject) return { error: { code: 4001, message: 'User rejected the request.' } }
      if (method === 'connect') return { result: solana.address }
      return { result: [...sign(null, new TextEncoder().encode(message), solana.privateKey)] }
    })
  }
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${DAPP_ORIGIN}/`)
  return page
}

/**
 * The popup's page in a window of type 'popup' (opened by the extension itself), sized like the
 * toolbar popup; the dApp stays the active tab of the last focused normal window.
 */
export async function openPopupWindow(context: BrowserContext, worker: Worker, extensionId: string) {
  const url = `chrome-extension://${extensionId}/extension/popup/index.html`
  const opened = context.waitForEvent('page')
  await worker.evaluate(
    (popupUrl) => chrome.windows.create({ type: 'popup', url: popupUrl, width: 360, height: 600 }),
    url,
  )
  const page = await opened
  await page.setViewportSize({ width: 360, height: 600 })
  await page.waitForURL(url)
  return new PopupPage(page)
}
