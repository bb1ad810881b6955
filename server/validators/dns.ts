/**
 * DNS bindings (§6.1, §6.2; platforms.md §3.3): the domain's TXT records, read over DNS-over-HTTPS
 * JSON, must hold `ps:true;v:1;sig:…;ca:…;uuid:<this request's uuid>;prev:…` with the avatar's
 * signature over the rebuilt payload. A record split into several strings is joined first (§15 #22).
 */
import { InvalidInputError } from '../../src/errors.js'
import {
  DNS_RCODE,
  type DnsProofRecord,
  type DohTxtAnswer,
  proofRecordsOf,
  readDohTxtAnswer,
} from '../../src/protocol/index.js'
import type { PlatformConfig } from '../config.js'
import { fetchPlatform, readPlatformJson, unexpectedStatus } from './platform-fetch.js'
import { checkProofSignature, deleteWithAvatarSignature } from './proof-signature.js'
import {
  PlatformUnavailableError,
  ProofRejectedError,
  type ValidationRequest,
  type ValidationResult,
  type Validator,
  type ValidatorContext,
} from './validator.js'

const LABEL = 'DNS over HTTPS'
const LABEL_SYNTAX = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/

/** The dns validator; always configured (DOH_URL has a default). */
export function createDnsValidator(config: PlatformConfig['dns']): Validator<'dns'> {
  return {
    platform: 'dns',
    isConfigured: true,
    validate: async (request, context) => {
      // The reference wants a new TXT record signed over the delete payload; the avatar's signature is enough (§15 #11).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      const records = await fetchTxtRecords(config.dohUrl, domainOf(request), context)
      return validateRecords(request, records)
    },
  }
}

function domainOf(request: ValidationRequest): string {
  const domain = request.identity.replace(/\.$/, '')
  if (domain.length > 253 || !domain.split('.').every((label) => LABEL_SYNTAX.test(label))) {
    throw new InvalidInputError('identity', 'expected a domain name')
  }
  return domain
}

function validateRecords(request: ValidationRequest, records: DnsProofRecord[]): ValidationResult {
  const uuid = request.uuid.toLowerCase()
  const matching = records.filter((record) => record.uuid === uuid)
  if (matching.length === 0)
    throw new ProofRejectedError(`no Next.ID TXT record for uuid ${uuid} at ${request.identity}`)
  // Several records may carry this uuid (an old attempt left behind): one valid signature is enough.
  let rejection: unknown
  for (const record of matching) {
    try {
      const linkSignature = checkProofSignature(request, record.signature, 'the sig of the TXT record')
      return { identity: request.identity, altId: '', linkSignature }
    } catch (error) {
      rejection = error
    }
  }
  throw rejection
}

async function fetchTxtRecords(dohUrl: string, domain: string, context: ValidatorContext): Promise<DnsProofRecord[]> {
  const url = new URL(dohUrl)
  url.searchParams.set('name', domain)
  url.searchParams.set('type', 'TXT')
  const response = await fetchPlatform(context, LABEL, url.href, { headers: { accept: 'application/dns-json' } })
  if (response.status !== 200) throw unexpectedStatus(LABEL, response)
  let answer: DohTxtAnswer
  try {
    answer = readDohTxtAnswer(await readPlatformJson(response, LABEL, context))
  } catch (error) {
    if (error instanceof InvalidInputError) throw new PlatformUnavailableError(`${LABEL} answered without a Status`)
    throw error
  }
  if (answer.rcode === DNS_RCODE.nxDomain) throw new ProofRejectedError(`domain not found: ${domain}`)
  // SERVFAIL, REFUSED …: the resolver could not say, which is no verdict.
  if (answer.rcode !== DNS_RCODE.noError)
    throw new PlatformUnavailableError(`${LABEL} lookup of ${domain} failed: rcode ${answer.rcode}`)
  return proofRecordsOf(answer.records)
}
