/**
 * Everything the page's wallet says arrives through the page, which can read and forge it: each
 * answer is checked for shape here, and nothing unchecked goes further (platforms.md §4.1–4.2).
 */
import { bytesToHex, decodeBase58, hexToBytes, recoveryIdOf } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString } from '../../../src/input.js'
import { WalletAnswerError, WalletRequestError } from './wallet-page-errors.js'

/** Which kind of wallet: an EIP-1193 Ethereum wallet, or a Solana wallet (window.phantom.solana). */
export type WalletChain = 'ethereum' | 'solana'

/** One wallet the page announced, as the popup lists it. */
export type PageWallet = { id: string; chain: WalletChain; name: string; icon: string; rdns: string }

const MAX_WALLETS = 16
const MAX_ID_CHARS = 128
const MAX_NAME_CHARS = 64
// A 96×96 PNG or SVG fits easily; anything larger is not an icon worth storing in every flow.
const MAX_ICON_CHARS = 64 * 1024
// EIP-6963: the icon MUST be a data URI; only image types an <img> shows (SVG in <img> runs no script).
const ICON = /^data:image\/(svg\+xml|png|jpeg|gif|webp)(;[a-z0-9=.+-]+)*,[^\s"'<>\\]*$/i
// RFC 1034 labels joined by dots (EIP-6963 `rdns`).
const RDNS = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i
const SIGNATURE_HEX = /^0x[0-9a-fA-F]{130}$/
const SOLANA_SIGNATURE_HEX = /^0x[0-9a-f]{128}$/
const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** True for an icon we show: '' or a data: image URI of sensible size. */
export function isWalletIcon(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || (value.length <= MAX_ICON_CHARS && ICON.test(value)))
}

/** True for an rdns we show: '' or a reverse-DNS name. */
export function isWalletRdns(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || RDNS.test(value))
}

/** True for a wallet name we show: 1–64 characters without control characters. */
export function isWalletName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_CHARS) return false
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return false
  }
  return true
}

/** A wallet id as the popup sends it back (an EIP-6963 uuid, or the window.ethereum fallback's id). */
export function requireWalletId(value: unknown): string {
  const id = requireNonEmptyString(value, 'walletId')
  if (id.length > MAX_ID_CHARS) throw new InvalidInputError('walletId', `is longer than ${MAX_ID_CHARS} characters`)
  return id
}

/**
 * The page's wallet list: entries that are not well-formed are left out (a page may hold junk next
 * to a real wallet), and a repeated id keeps its first entry (EIP-6963: imitators reuse uuids).
 */
export function parseWalletList(value: unknown): PageWallet[] {
  if (!Array.isArray(value)) throw new WalletAnswerError('the wallet list is not an array')
  const wallets: PageWallet[] = []
  for (const entry of value.slice(0, MAX_WALLETS)) {
    if (typeof entry !== 'object' || entry === null) continue
    const { id, chain, name, icon, rdns } = entry as Record<string, unknown>
    if (typeof id !== 'string' || id === '' || id.length > MAX_ID_CHARS) continue
    if (chain !== 'ethereum' && chain !== 'solana') continue
    if (!isWalletName(name) || !isWalletIcon(icon) || !isWalletRdns(rdns)) continue
    if (wallets.some((wallet) => wallet.id === id)) continue
    wallets.push({ id, chain, name, icon, rdns })
  }
  return wallets
}

/** Every account of an eth_requestAccounts answer, lowercased; non-addresses are refused. */
export function parseAccountList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new WalletAnswerError('eth_requestAccounts did not answer a list of accounts')
  return value.map((account) => {
    if (typeof account !== 'string' || !ADDRESS.test(account))
      throw new WalletAnswerError('an account is not an address')
    return account.toLowerCase()
  })
}

/** A personal_sign answer: `0x` + 65 bytes r || s || v, with v of 0, 1, 27 or 28. */
export function parseWalletSignature(value: unknown): Uint8Array {
  if (typeof value !== 'string' || !SIGNATURE_HEX.test(value)) {
    throw new WalletAnswerError('personal_sign did not answer 0x and 65 bytes of hex')
  }
  const signature = hexToBytes(value.slice(2), 'signature')
  try {
    recoveryIdOf(signature)
  } catch {
    throw new WalletAnswerError(`the signature's recovery byte v is ${signature[64]}, not 0, 1, 27 or 28`)
  }
  return signature
}

/** A Solana wallet's account: base58 of a 32-byte ed25519 public key, kept as written (§6.5). */
export function parseSolanaAccount(value: unknown): string {
  if (typeof value !== 'string' || value.length > 64) throw new WalletAnswerError('the Solana account is not base58')
  try {
    decodeBase58(value, 'account', 32)
  } catch {
    throw new WalletAnswerError('the Solana account is not a base58 32-byte public key')
  }
  return value
}

/** A Solana signMessage answer as the bridge relays it: hex of the 64-byte ed25519 signature. */
export function parseSolanaSignature(value: unknown): Uint8Array {
  if (typeof value !== 'string' || !SOLANA_SIGNATURE_HEX.test(value)) {
    throw new WalletAnswerError('signMessage did not answer 64 bytes')
  }
  return hexToBytes(value, 'signature')
}

/** The EIP-1193 error the page relayed, as a typed error (4001: the user rejected); only its code is used. */
export function toWalletRequestError(value: unknown): WalletRequestError {
  const error = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  return new WalletRequestError(Number.isSafeInteger(error.code) ? (error.code as number) : -32603)
}

/** personal_sign's first parameter: the UTF-8 bytes of the exact payload, hex encoded (EIP-1193 / MetaMask). */
export function personalSignData(payload: string): string {
  return `0x${bytesToHex(new TextEncoder().encode(payload))}`
}
