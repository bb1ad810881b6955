/**
 * Words for a flow's status (issue 11), chosen at the edge: the popup and the page helpers pass
 * their own `translate` (chrome.i18n in the user's language). The background never writes these
 * sentences; the service's message appears only inside quotes.
 */
import type messages from '../../public/_locales/en/messages.json'
import type { BindingFlow } from './catalogue.js'
import type { FlowStatus } from './flow-status.js'

export type MessageKey = keyof typeof messages
export type Translate = (key: MessageKey, ...substitutions: string[]) => string

// Codes of errors (from the wallet's page or our own code) that the user can act on.
const ERROR_KEYS: Record<string, MessageKey> = {
  EARLIER_VERSION: 'statusEarlierVersion',
  LOCKED: 'statusLocked',
  PAYLOAD_MISMATCH: 'statusPayloadMismatch',
  WALLET_REJECTED: 'statusWalletRejected',
  WALLET_TIMEOUT: 'statusWalletTimeout',
  WALLET_PAGE_CLOSED: 'statusWalletPageClosed',
  WALLET_PAGE_CHANGED: 'statusWalletPageChanged',
  WALLET_SIGNER_MISMATCH: 'statusWalletSignerMismatch',
  WALLET_ACCOUNT_MISMATCH: 'statusWalletAccountMismatch',
  WALLET_BAD_ANSWER: 'statusWalletBadAnswer',
  WALLET_ERROR: 'statusWalletError',
  NO_WALLET_PAGE: 'statusNoWalletPage',
}

type StatusOf<Code extends FlowStatus['code']> = Extract<FlowStatus, { code: Code }>
type Flow = Pick<BindingFlow, 'step' | 'platform' | 'identity'>
type Words = {
  [Code in FlowStatus['code']]: (status: StatusOf<Code>, flow: Flow, translate: Translate, locale: string) => string
}

const WORDS: Words = {
  'not-accepted-yet': (status, flow, tr) =>
    tr(flow.platform === 'dns' ? 'statusNotAcceptedYetDns' : 'statusNotAcceptedYet', status.serviceMessage),
  'service-unreachable': (_status, flow, tr) =>
    tr(flow.step === 'failed' ? 'statusServiceGaveUp' : 'statusServiceWaiting'),
  'chain-moved': (_status, _flow, tr) => tr('statusChainMoved'),
  'chain-moved-locked': (_status, _flow, tr) => tr('statusChainMovedLocked'),
  'gave-up': (status, _flow, tr, locale) =>
    tr('statusGaveUp', formatDuration(status.waitedMs, locale), status.serviceMessage),
  'wrong-account': (status, flow, tr) =>
    tr('statusWrongAccount', handleOf(flow, status.account), handleOf(flow, flow.identity)),
  'text-mismatch': (_status, _flow, tr) => tr('statusTextMismatch'),
  'not-listed': (_status, _flow, tr) => tr('statusNotListed'),
  'still-listed': (_status, _flow, tr) => tr('statusStillListed'),
  'payload-mismatch': (_status, _flow, tr) => tr('statusPayloadMismatch'),
  refused: (status, _flow, tr) => tr('statusRefused', status.serviceMessage),
  error: (status, _flow, tr) => {
    const key = ERROR_KEYS[status.errorCode]
    return key ? tr(key) : tr('statusError', status.errorCode)
  },
  'wallet-resign': (_status, _flow, tr) => tr('statusWalletResign'),
  interrupted: (_status, _flow, tr) => tr('statusInterrupted'),
  'needs-proof': (status, _flow, tr) => tr('statusNeedsProof', status.serviceMessage),
}

/** The sentence for a flow's status in the user's language, or '' when there is none. */
export function flowStatusText(flow: Flow & Pick<BindingFlow, 'status'>, translate: Translate, locale: string): string {
  const { status } = flow
  if (status === null) return ''
  const words = WORDS[status.code] as (status: FlowStatus, flow: Flow, translate: Translate, locale: string) => string
  return words(status, flow, translate, locale)
}

/** X handles are shown with their @. */
function handleOf(flow: Flow, account: string): string {
  return flow.platform === 'twitter' ? `@${account}` : account
}

/** "2 hours", "48 hours", "45 minutes" in the user's language. */
export function formatDuration(milliseconds: number, locale: string): string {
  const minutes = Math.max(1, Math.round(milliseconds / 60_000))
  const [value, unit] = minutes >= 120 ? [Math.round(minutes / 60), 'hour'] : [minutes, 'minute']
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value)
}
