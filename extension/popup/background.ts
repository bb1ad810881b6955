/** The popup's one way to reach the background: the typed PopupApi client. */
import type { PopupApi } from '../messaging/catalogue.js'
import { BackgroundError, createBackgroundClient } from '../messaging/client.js'
import { errorText } from './format/error-text.js'
import { t } from './i18n.js'

// The wallet bridge waits up to 10 minutes for the person at the wallet (page-wallets/wallet-bridge.ts).
const WAITS_FOR_A_WALLET_MS = 11 * 60_000
const call = createBackgroundClient<PopupApi>('popup', {
  connectWallet: WAITS_FOR_A_WALLET_MS,
  confirmWalletBinding: WAITS_FOR_A_WALLET_MS,
  retryWalletBinding: WAITS_FOR_A_WALLET_MS,
  confirmRevokeWithWallet: WAITS_FOR_A_WALLET_MS,
})
const lockListeners = new Set<() => void>()

/** Calls a PopupApi method; a LOCKED answer (auto-lock passed) also tells the router to re-read the state. */
export const callBackground: typeof call = async (method, ...params) => {
  try {
    return await call(method, ...params)
  } catch (error) {
    if (error instanceof BackgroundError && error.code === 'LOCKED') for (const listener of lockListeners) listener()
    throw error
  }
}

/** Registers the router's reaction to a LOCKED answer; returns the unsubscribe function. */
export function onLockedAnswer(listener: () => void): () => void {
  lockListeners.add(listener)
  return () => lockListeners.delete(listener)
}

/** A sentence for the user about a failed call, chosen here from its code and details (format/error-text.ts). */
export function describeError(error: unknown): string {
  if (error instanceof BackgroundError) return errorText(error, t)
  // Not an answer of the background: the messaging itself failed (the extension was reloaded, say).
  return t('errorUnexpected', error instanceof Error ? error.name : 'unknown')
}

/** The stable code of a failed call, or undefined when it did not come from the background. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof BackgroundError ? error.code : undefined
}
