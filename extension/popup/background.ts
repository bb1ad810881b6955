/** The popup's one way to reach the background: the typed PopupApi client. */
import type { PopupApi } from '../messaging/catalogue.js'
import { BackgroundError, createBackgroundClient } from '../messaging/client.js'
import { identityErrorText } from './format/identity-error.js'
import { type MessageKey, t } from './i18n.js'

const call = createBackgroundClient<PopupApi>('popup')
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

// Codes the popup words itself; any other error shows the background's message as is.
const KNOWN_CODES: Record<string, MessageKey> = {
  WRONG_PASSWORD: 'errorWrongPassword',
  LOCKED: 'errorLocked',
  QUIZ_FAILED: 'quizWrong',
  ALREADY_EXISTS: 'errorAlreadyExists',
  NETWORK_ERROR: 'errorServiceUnreachable',
  TIMEOUT: 'errorServiceTimeout',
  PAYLOAD_MISMATCH: 'errorPayloadMismatch',
  FLOW_STEP: 'errorFlowStep',
}

/** A sentence for the user about a failed call: our words for known codes, the service's message otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof BackgroundError) {
    const key = KNOWN_CODES[error.code]
    if (key) return t(key)
    if (error.code === 'INVALID_IDENTITY') return identityErrorText(error.details)
    if (error.code === 'SERVICE_ERROR') return t('errorServiceAnswered', error.message)
    return error.message
  }
  return error instanceof Error ? error.message : String(error)
}

/** The stable code of a failed call, or undefined when it did not come from the background. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof BackgroundError ? error.code : undefined
}
