/**
 * "Check DNS now" (issue 15): what a public DNS-over-HTTPS resolver returns for a DNS binding's
 * domain right now, compared with the record the flow asks for. The service reads the same kind of
 * answer (server/validators/dns.ts, through the same reader), so "found" here means the record is
 * visible there too — unless that resolver's cache is older than this one's.
 */
import { createHttpClient, type FetchFunction } from '../../../src/client/http.js'
import { DNS_RCODE, parseDnsTxtRecord, proofRecordsOf, readDohTxtAnswer } from '../../../src/protocol/index.js'
import type { DnsCheck } from '../../messaging/catalogue.js'

/** The records shown to the user: enough to recognise theirs, bounded whatever the resolver sends. */
const MAX_RECORDS = 20
const MAX_RECORD_CHARS = 600
const LOOKUP_TIMEOUT_MS = 10_000

/** Looks up `domain`'s TXT records at `resolverUrl` and says whether `expectedRecord` is among them. */
export async function checkDnsRecord(
  resolverUrl: string,
  domain: string,
  expectedRecord: string,
  fetch: FetchFunction,
): Promise<DnsCheck> {
  const resolver = new URL(resolverUrl).host
  const answer = await createHttpClient({ baseUrl: resolverUrl, fetch, timeoutMs: LOOKUP_TIMEOUT_MS }).send({
    method: 'GET',
    path: '',
    query: [
      ['name', domain],
      ['type', 'TXT'],
    ],
    accept: 'application/dns-json',
    parse: readDohTxtAnswer,
  })
  if (answer.rcode === DNS_RCODE.nxDomain)
    return { resolver, domain, outcome: 'no-domain', records: [], olderProofs: 0 }
  if (answer.rcode !== DNS_RCODE.noError) {
    return { resolver, domain, outcome: 'lookup-failed', rcode: answer.rcode, records: [], olderProofs: 0 }
  }
  const expected = parseDnsTxtRecord([expectedRecord])
  const proofs = proofRecordsOf(answer.records)
  // The service accepts the record with this flow's uuid and a valid signature; spacing and quoting do not matter.
  const found = proofs.some((proof) => proof.uuid === expected.uuid && proof.signature === expected.signature)
  return {
    resolver,
    domain,
    outcome: found ? 'found' : 'not-yet',
    records: answer.records.slice(0, MAX_RECORDS).map((text) => text.slice(0, MAX_RECORD_CHARS)),
    olderProofs: proofs.filter((proof) => proof.uuid !== expected.uuid).length,
  }
}
