/**
 * The background's view of a web page that may hold EIP-1193 wallets (wallet-bridge.ts talks to the
 * real tab; tests give a fake page). Answers are untrusted page data (wallet-answers.ts checks them).
 */
import { verifyWalletSignature } from '../../../src/crypto/index.js'
import { parseAccountList, parseWalletSignature, personalSignData } from './wallet-answers.js'
import { WalletSignerMismatchError } from './wallet-page-errors.js'

/** One open connection to a tab's page (the relay's Port); close it when done. */
export type WalletPage = {
  tabId: number
  /** The page's origin as the browser reports it (the Port's sender), never from the page. */
  origin: string
  /** EIP-6963 discovery in the page: an untrusted list (parseWalletList). */
  discover(): Promise<unknown>
  /** The wallet's `request({method, params})` result; a wallet error rejects with WalletRequestError. */
  request(walletId: string, method: string, params: unknown[]): Promise<unknown>
  close(): void
}

export type WalletPages = {
  /** The page the user is looking at: the active tab of the last focused browser window. */
  openActive(): Promise<WalletPage>
  /** The page in `tabId` (a flow's wallet page, to sign later). */
  open(tabId: number): Promise<WalletPage>
}

/**
 * Asks the page's wallet to personal_sign the exact `payload` as `address` and checks the answer
 * recovers to `address` (a page can answer anything): the verified 65-byte signature.
 */
export async function requestWalletSignature(
  page: WalletPage,
  walletId: string,
  address: string,
  payload: string,
): Promise<Uint8Array> {
  const answer = await page.request(walletId, 'personal_sign', [personalSignData(payload), address])
  const signature = parseWalletSignature(answer)
  if (!verifyWalletSignature(payload, signature, address)) throw new WalletSignerMismatchError(address)
  return signature
}

/** The page wallet's accounts (eth_requestAccounts: may ask the user to connect first). */
export async function requestAccounts(page: WalletPage, walletId: string): Promise<string[]> {
  return parseAccountList(await page.request(walletId, 'eth_requestAccounts', []))
}
