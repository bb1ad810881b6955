/**
 * What differs between an Ethereum and a Solana wallet binding (§6.4, §6.5): how the page's wallet
 * gives its account and signs, how the signature is checked here, and how it is written for
 * `extra.wallet_signature`. Every answer is the page's word until checked here.
 */
import { encodeBase58, encodeBase64, toChecksumAddress, verifySolanaSignature } from '../../../src/crypto/index.js'
import { parseSolanaAccount, parseSolanaSignature, type WalletChain } from './wallet-answers.js'
import { requestAccounts, requestWalletSignature, type WalletPage } from './wallet-page.js'
import { WalletAnswerError, WalletSignerMismatchError } from './wallet-page-errors.js'

export type ChainWallet = {
  /** The wallet's account as shown (Ethereum: EIP-55 checksummed; Solana: base58). */
  requestAccount(page: WalletPage, walletId: string): Promise<string>
  /** The binding identity for an account, as the sign payload carries it (§5.3). */
  identityOf(address: string): string
  /**
   * The wallet's signature over the exact `payload` as `address`, verified here, in the encoding
   * ProofService reads (Ethereum: base64 of 65 bytes; Solana: base58 of 64 bytes).
   */
  requestSignature(page: WalletPage, walletId: string, address: string, payload: string): Promise<string>
}

const ethereum: ChainWallet = {
  async requestAccount(page, walletId) {
    const [first] = await requestAccounts(page, walletId)
    if (first === undefined) throw new WalletAnswerError('the wallet shared no account')
    return toChecksum(first)
  },
  identityOf: (address) => address.toLowerCase(),
  async requestSignature(page, walletId, address, payload) {
    return encodeBase64(await requestWalletSignature(page, walletId, toChecksum(address), payload))
  },
}

const solana: ChainWallet = {
  async requestAccount(page, walletId) {
    return parseSolanaAccount(await page.request(walletId, 'solana_connect', []))
  },
  identityOf: (address) => address,
  async requestSignature(page, walletId, address, payload) {
    const answer = await page.request(walletId, 'solana_signMessage', [payload])
    const signature = encodeBase58(parseSolanaSignature(answer))
    if (!verifySolanaSignature(payload, signature, address)) throw new WalletSignerMismatchError(address)
    return signature
  },
}

/** The operations of `chain`. */
export function chainWallet(chain: WalletChain): ChainWallet {
  return chain === 'solana' ? solana : ethereum
}

function toChecksum(address: string): string {
  return toChecksumAddress(address.toLowerCase())
}
