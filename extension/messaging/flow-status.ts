/**
 * Where a binding flow stands and why, as codes with details (issue 11): the background decides
 * by facts and says what happened in codes; the popup and the page helpers choose the words, in
 * the user's language. Nothing here is a sentence, except the service's own message, which is
 * only ever shown as a quote.
 */

export type FlowStatus =
  /** Submitted; the service did not take it yet and the chain has not moved: the post may not be visible yet. */
  | { code: 'not-accepted-yet'; serviceMessage: string }
  /** The service could not be reached, or answered 5xx: waited out, then tried again. */
  | { code: 'service-unreachable'; httpStatus: number | null }
  /** The avatar's chain moved: a freshly signed text to publish (step publish). */
  | { code: 'chain-moved' }
  /** The chain moved while locked: unlock to get the new text. */
  | { code: 'chain-moved-locked' }
  /** Checked until the platform's patience ran out; the service's last word quoted. */
  | { code: 'gave-up'; serviceMessage: string; waitedMs: number }
  /** The service refused the proof (a wallet flow, whose chain has not moved); its words quoted. */
  | { code: 'refused'; serviceMessage: string }
  /** The page is logged in as another account than the one being bound. */
  | { code: 'wrong-account'; account: string }
  /** The post's text differs from the proof: the service would refuse it. */
  | { code: 'text-mismatch' }
  /** The service took the proof but does not list the binding (or, for a revoke, still lists it). */
  | { code: 'not-listed' }
  | { code: 'still-listed' }
  /** The service's payload names another identity, action or platform than asked: nothing was signed. */
  | { code: 'payload-mismatch' }
  /** Something failed in the extension or the wallet's page; `errorCode` is the error's stable code. */
  | { code: 'error'; errorCode: string }
  /** A wallet flow: the chain moved after the wallet signed; the wallet must sign a fresh payload. */
  | { code: 'wallet-resign' }
  /** The extension restarted while the wallet was asked to sign. */
  | { code: 'interrupted' }
  /** A revoke signed by the avatar alone was refused on a platform whose service wants a new proof for it (§7.2). */
  | { code: 'needs-proof'; serviceMessage: string }

export type FlowStatusCode = FlowStatus['code']

const STATUS_FIELDS: {
  [Code in FlowStatusCode]: Record<
    Exclude<keyof Extract<FlowStatus, { code: Code }>, 'code'>,
    'string' | 'number' | 'number-or-null'
  >
} = {
  'not-accepted-yet': { serviceMessage: 'string' },
  'service-unreachable': { httpStatus: 'number-or-null' },
  'chain-moved': {},
  'chain-moved-locked': {},
  'gave-up': { serviceMessage: 'string', waitedMs: 'number' },
  refused: { serviceMessage: 'string' },
  'wrong-account': { account: 'string' },
  'text-mismatch': {},
  'not-listed': {},
  'still-listed': {},
  'payload-mismatch': {},
  error: { errorCode: 'string' },
  'wallet-resign': {},
  interrupted: {},
  'needs-proof': { serviceMessage: 'string' },
}

/** Every status code, for tests that every one has words in every language. */
export const FLOW_STATUS_CODES = Object.keys(STATUS_FIELDS) as FlowStatusCode[]

/** True for a well-formed status (stored flows are checked on every read). */
export function isFlowStatus(value: unknown): value is FlowStatus {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const status = value as Record<string, unknown>
  if (typeof status.code !== 'string' || !Object.hasOwn(STATUS_FIELDS, status.code)) return false
  const fields: Record<string, string> = STATUS_FIELDS[status.code as FlowStatusCode]
  const keys = Object.keys(status).filter((key) => key !== 'code')
  return (
    keys.length === Object.keys(fields).length &&
    keys.every((key) => {
      const kind = fields[key]
      const field = status[key]
      if (kind === 'string') return typeof field === 'string' && field.length <= 1000
      if (kind === 'number') return Number.isSafeInteger(field)
      return kind === 'number-or-null' && (field === null || Number.isSafeInteger(field))
    })
  )
}
