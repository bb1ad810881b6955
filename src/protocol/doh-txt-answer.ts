/**
 * A DNS-over-HTTPS JSON answer to a TXT query (Cloudflare's and Google's schema, platforms.md §3.3):
 * the response code and the TXT records' texts. Read by the service's DNS validator and by the
 * extension's "Check DNS now", so both see a domain the same way.
 */
import { InvalidInputError } from '../errors.js'
import { txtRecordText } from './dns-txt-record.js'

export const DNS_RCODE = { noError: 0, nxDomain: 3 } as const
const TXT = 16

export type DohTxtAnswer = {
  /** The DNS response code (`Status`): 0 NOERROR, 3 NXDOMAIN, others a failed lookup. */
  rcode: number
  /** Each TXT record's text, its strings joined; other record types (a CNAME on the way) skipped. */
  records: string[]
}

/** Reads the parsed JSON body; InvalidInputError when it has no numeric `Status`. */
export function readDohTxtAnswer(body: unknown): DohTxtAnswer {
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  if (typeof fields.Status !== 'number') throw new InvalidInputError('Status', 'is missing from the DNS answer')
  const answers = Array.isArray(fields.Answer) ? fields.Answer : []
  const records: string[] = []
  for (const answer of answers) {
    if (typeof answer !== 'object' || answer === null) continue
    const { type, data } = answer as Record<string, unknown>
    if (type === TXT && typeof data === 'string') records.push(txtRecordText(data))
  }
  return { rcode: fields.Status, records }
}
