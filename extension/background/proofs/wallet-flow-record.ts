/**
 * The wallet parts of a stored flow, checked on every read like the rest of the record
 * (flow-store.ts): a damaged or foreign wallet record is dropped, never shown or signed for.
 */
import { decodeBase58, toChecksumAddress } from '../../../src/crypto/index.js'
import type { FlowWallet } from '../../messaging/catalogue.js'
import { isWalletIcon, isWalletName, isWalletRdns, type WalletChain } from '../page-wallets/wallet-answers.js'

/** Where a flow's wallet lives and what it signed; kept in the background only. */
export type WalletLink = {
  /** The tab whose page holds the wallet (its origin is `wallet.origin`, checked again before signing). */
  tabId: number
  /** The wallet's EIP-6963 uuid in that page (or the window.ethereum fallback's id). */
  walletId: string
  /**
   * The wallet's verified signature over signPayload as `extra.wallet_signature` carries it (Ethereum:
   * standard base64 of 65 bytes; Solana: base58 of 64 bytes), '' until it signed.
   */
  walletSignature: string
}

const ORIGIN = /^https?:\/\/[^/?#\s]+$/
const ADDRESS = /^0x[0-9a-fA-F]{40}$/
// 65 bytes: 86 characters, one holding the last 4 bits (index a multiple of 4), and one "=".
const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}[AEIMQUYcgkosw048]=$/

/** True for a well-formed FlowWallet: the chain's address form and an http(s) origin. */
export function isWalletOfFlow(value: unknown, chain: WalletChain): value is FlowWallet {
  if (typeof value !== 'object' || value === null) return false
  const wallet = value as Record<string, unknown>
  return (
    isWalletName(wallet.name) &&
    isWalletIcon(wallet.icon) &&
    isWalletRdns(wallet.rdns) &&
    isAddress(wallet.address, chain) &&
    typeof wallet.origin === 'string' &&
    ORIGIN.test(wallet.origin)
  )
}

/** The binding identity of a wallet flow's account: Ethereum lowercase, Solana as written (§5.3). */
export function walletIdentity(chain: WalletChain, address: string): string {
  return chain === 'solana' ? address : address.toLowerCase()
}

/** Ethereum: EIP-55 checksummed; Solana: base58 of 32 bytes. */
function isAddress(value: unknown, chain: WalletChain): value is string {
  if (typeof value !== 'string') return false
  if (chain === 'ethereum') return ADDRESS.test(value) && toChecksumAddress(value.toLowerCase()) === value
  return decodes(value, 32)
}

function decodes(value: string, length: number): boolean {
  try {
    decodeBase58(value, 'value', length)
    return true
  } catch {
    return false
  }
}

/** True for a well-formed WalletLink (the signature in the chain's encoding, §3.5). */
export function isWalletLink(value: unknown, chain: WalletChain): value is WalletLink {
  if (typeof value !== 'object' || value === null) return false
  const link = value as Record<string, unknown>
  return (
    Number.isSafeInteger(link.tabId) &&
    (link.tabId as number) >= 0 &&
    typeof link.walletId === 'string' &&
    link.walletId.length > 0 &&
    link.walletId.length <= 128 &&
    (link.walletSignature === '' || isWalletSignature(link.walletSignature, chain))
  )
}

/** A wallet's signature as `extra.wallet_signature` carries it: Ethereum base64 of 65 bytes, Solana base58 of 64 (§3.5). */
export function isWalletSignature(value: unknown, chain: WalletChain): value is string {
  if (typeof value !== 'string') return false
  return chain === 'ethereum' ? SIGNATURE_BASE64.test(value) : decodes(value, 64)
}
