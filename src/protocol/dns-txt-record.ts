/**
 * The DNS proof: a TXT record `ps:true;v:1;sig:<base64>;ca:<unix secs>;uuid:<uuid>;prev:<base64|null>`
 * (§6.2). A record longer than 255 characters arrives as several strings, which are joined first
 * (§15 #22); the reference parses only the first string and fails on such records.
 */
import { decodeBase64 } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { parseUnixSecondsString, parseUuid, requireString } from '../input.js'

export interface DnsProofRecord {
  /** Standard base64 of the 65-byte avatar signature. */
  signature: string
  createdAt: string
  uuid: string
  /** As written in the record; the server signs its own chain head, not this. */
  prev: string | null
}

const REQUIRED_KEYS = ['ps', 'v', 'sig', 'ca', 'uuid', 'prev'] as const

/**
 * Parses one TXT record given as its strings, raw (`ps:true;…`) or in presentation form as DNS over
 * HTTPS returns it (`"ps:true;…" "…"`).
 */
export function parseDnsTxtRecord(strings: unknown): DnsProofRecord {
  if (!Array.isArray(strings) || strings.length === 0) {
    throw new InvalidInputError('record', 'expected the non-empty list of strings of one TXT record')
  }
  const text = strings.map((part, i) => txtRecordText(requireString(part, `record[${i}]`))).join('')
  const fields = new Map<string, string>()
  for (const segment of text.split(';')) {
    const pair = segment.split(':')
    if (pair.length !== 2)
      throw new InvalidInputError('record', `has a field that is not key:value: "${segment.slice(0, 40)}"`)
    fields.set(pair[0] as string, pair[1] as string)
  }
  for (const key of REQUIRED_KEYS) {
    if (!fields.has(key)) throw new InvalidInputError('record', `is missing the "${key}" field`)
  }
  if (fields.get('ps') !== 'true') throw new InvalidInputError('record', 'is not a Next.ID proof (expected ps:true)')
  if (fields.get('v') !== '1') throw new InvalidInputError('record', `has unsupported version v:${fields.get('v')}`)
  const signature = fields.get('sig') as string
  const bytes = decodeBase64(signature, 'record.sig')
  if (bytes.length !== 65)
    throw new InvalidInputError('record.sig', `expected base64 of 65 bytes, got ${bytes.length} bytes`)
  const prev = fields.get('prev') as string
  return {
    signature,
    createdAt: parseUnixSecondsString(fields.get('ca'), 'record.ca'),
    uuid: parseUuid(fields.get('uuid'), 'record.uuid'),
    prev: prev === 'null' ? null : prev,
  }
}

/**
 * The Next.ID proofs among a domain's TXT records (each given as its text): SPF and other records
 * share the name and are simply not proofs, so they are skipped.
 */
export function proofRecordsOf(texts: unknown): DnsProofRecord[] {
  if (!Array.isArray(texts)) throw new InvalidInputError('records', 'expected the list of TXT record texts')
  const proofs: DnsProofRecord[] = []
  for (const [i, text] of texts.entries()) {
    const record = requireString(text, `records[${i}]`)
    try {
      proofs.push(parseDnsTxtRecord([record]))
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error
    }
  }
  return proofs
}

/**
 * The text of one TXT record as DNS over HTTPS gives it: the presentation form's quoted strings
 * (`\"` and `\\` escapes) joined; raw text is kept.
 */
// One pass over the characters: text outside quotes is dropped, and an unclosed last string is
// dropped too (a regex retrying from every quote of such a string would be quadratic).
export function txtRecordText(part: string): string {
  const trimmed = part.trim()
  if (!trimmed.startsWith('"')) return trimmed
  let joined = ''
  let piece: string | null = null
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i] as string
    if (piece === null) {
      if (char === '"') piece = ''
    } else if (char === '\\' && i + 1 < trimmed.length) {
      i += 1
      piece += trimmed[i]
    } else if (char === '"') {
      joined += piece
      piece = null
    } else piece += char
  }
  return joined
}
