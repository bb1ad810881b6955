/**
 * What can go wrong talking to a wallet in a web page, each with a stable code and a sentence the
 * popup shows as is. EIP-1193 codes (platforms.md §4.2) are kept where the wallet gave one.
 */
import { WalletError } from '../errors.js'

/** No web page to talk to: the active tab is not http(s), or its page has no bridge (opened before install). */
export class NoWalletPageError extends WalletError {
  constructor(detail: string) {
    super('NO_WALLET_PAGE', `no web page with a wallet: ${detail}`)
  }
}

/** The page went away (closed, reloaded, navigated) before the wallet answered. */
export class WalletPageClosedError extends WalletError {
  constructor() {
    super('WALLET_PAGE_CLOSED', 'the page with the wallet was closed or reloaded')
  }
}

/** The page now shows another site than the one whose wallet the user chose. */
export class WalletPageChangedError extends WalletError {
  constructor(expected: string, actual: string) {
    super('WALLET_PAGE_CHANGED', `the wallet's page is now ${actual}, not ${expected}; open ${expected} again`)
  }
}

// EIP-1193 provider errors in our words. The wallet's own message is not kept: it comes through the
// page, which can write anything there, and the popup would show it as if the extension said it.
const RPC_WORDING: Record<number, string> = {
  4100: 'the wallet has not authorised this site for that account',
  4200: 'the wallet does not support this request',
  4900: 'the wallet is disconnected',
  4901: 'the wallet is not connected to the requested chain',
}

/** The wallet answered with an EIP-1193 error; 4001 is the user saying no. */
export class WalletRequestError extends WalletError {
  readonly rpcCode: number

  constructor(rpcCode: number) {
    super(
      rpcCode === 4001 ? 'WALLET_REJECTED' : 'WALLET_ERROR',
      rpcCode === 4001
        ? 'you rejected the request in the wallet'
        : `the wallet refused (error ${rpcCode}): ${RPC_WORDING[rpcCode] ?? 'it gave no usable answer'}`,
    )
    this.rpcCode = rpcCode
  }
}

/** The page's answer is not what the method returns (a broken or hostile page). */
export class WalletAnswerError extends WalletError {
  constructor(problem: string) {
    super('WALLET_BAD_ANSWER', `the wallet's answer is unusable: ${problem}`)
  }
}

/** A signature that does not recover to the account being bound: nothing is submitted. */
export class WalletSignerMismatchError extends WalletError {
  constructor(expected: string) {
    super('WALLET_SIGNER_MISMATCH', `the wallet signature is from another account than ${expected}; nothing was sent`)
  }
}

/** The wallet kept the user waiting longer than we keep the request open. */
export class WalletTimeoutError extends WalletError {
  constructor(seconds: number) {
    super('WALLET_TIMEOUT', `the wallet did not answer within ${seconds} s`)
  }
}

/** The page's wallet does not hold the account the request is about. */
export class WalletAccountMismatchError extends WalletError {
  constructor(address: string) {
    super('WALLET_ACCOUNT_MISMATCH', `this wallet does not hold ${address}; switch to that account and try again`)
  }
}
