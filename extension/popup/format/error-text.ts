/**
 * A failed call to the background in the user's language, from its code and plain details
 * (issue 11): the background's own message is never shown. Only the service's words appear, and
 * only inside quotes.
 */
import type { MessageKey } from '../../messaging/flow-status-text.js'
import { identityErrorText } from './identity-error.js'
import { MASK_REASON_KEYS } from './mask-text.js'

type Translate = (key: MessageKey, ...substitutions: string[]) => string
export type ErrorFacts = { code: string; details: Readonly<Record<string, string>> }

/** Every code the background answers with, and its sentence. */
const CODE_KEYS: Record<string, MessageKey> = {
  WRONG_PASSWORD: 'errorWrongPassword',
  LOCKED: 'errorLocked',
  NO_REPLY: 'errorNoReply',
  NO_CHANGE: 'errorNoChange',
  QUIZ_FAILED: 'quizWrong',
  ALREADY_EXISTS: 'errorAlreadyExists',
  NO_VAULT: 'errorNoVault',
  NOT_FOUND: 'errorNotFound',
  CORRUPT_VAULT: 'errorCorruptVault',
  CORRUPT_ENVELOPE: 'errorCorruptVault',
  NETWORK_ERROR: 'errorServiceUnreachable',
  TIMEOUT: 'errorServiceTimeout',
  INVALID_RESPONSE: 'errorServiceInvalidAnswer',
  PAYLOAD_MISMATCH: 'errorPayloadMismatch',
  FLOW_STEP: 'errorFlowStep',
  NO_WALLET_PAGE: 'statusNoWalletPage',
  WALLET_REJECTED: 'statusWalletRejected',
  WALLET_ERROR: 'statusWalletError',
  WALLET_TIMEOUT: 'statusWalletTimeout',
  WALLET_BAD_ANSWER: 'statusWalletBadAnswer',
  WALLET_PAGE_CLOSED: 'statusWalletPageClosed',
  WALLET_PAGE_CHANGED: 'statusWalletPageChanged',
  WALLET_SIGNER_MISMATCH: 'statusWalletSignerMismatch',
  WALLET_ACCOUNT_MISMATCH: 'statusWalletAccountMismatch',
}

/** Fields whose refusal the user can fix with a specific hint. */
const FIELD_KEYS: Record<string, MessageKey> = { proofLocation: 'errorProofLocation' }

/** The codes worded here, for the test that every code the background throws has words. */
export const WORDED_CODES = [
  ...Object.keys(CODE_KEYS),
  'INVALID_INPUT',
  'INVALID_IDENTITY',
  'SERVICE_ERROR',
  'REVOKE_NEEDS_PROOF',
  'MASK_IMPORT',
]

/** The sentence for a failed call. */
export function errorText({ code, details }: ErrorFacts, translate: Translate): string {
  const key = CODE_KEYS[code]
  if (key) return translate(key)
  switch (code) {
    case 'INVALID_IDENTITY':
      return identityErrorText(details, translate)
    case 'INVALID_INPUT':
      return translate(FIELD_KEYS[details.field ?? ''] ?? 'errorInvalidInput')
    case 'SERVICE_ERROR':
      return translate('errorServiceAnswered', details.serviceMessage ?? '')
    case 'REVOKE_NEEDS_PROOF':
      return translate('errorRevokeNeedsProof', details.serviceMessage ?? '')
    case 'MASK_IMPORT':
      return translate(MASK_REASON_KEYS[details.reason ?? ''] ?? 'maskErrorUnrecognised', details.count ?? '0')
    default:
      return translate('errorUnexpected', code)
  }
}
