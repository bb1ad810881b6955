/**
 * .bit bindings (§6.1, §6.2; platforms.md §3.7): the account's `nextid` profile record holds
 * `0x<compressed avatar>:<signature>`, the avatar's signature over the rebuilt payload. The register
 * API answers HTTP 200 with `err_no`; the indexer spells it `errno` and the key `profile.nextid`
 * (`dotbitHQ/das-account-indexer:API.md`), so both spellings are read.
 */
import { InvalidInputError } from '../../src/errors.js'
import { parseDotbitRecord } from '../../src/protocol/index.js'
import type { PlatformConfig } from '../config.js'
import { firstValidSignature } from './first-valid-signature.js'
import { asJsonObject, fetchPlatform, readPlatformJson, unexpectedStatus } from './platform-fetch.js'
import { deleteWithAvatarSignature } from './proof-signature.js'
import {
  PlatformUnavailableError,
  ProofRejectedError,
  type ValidationRequest,
  type ValidationResult,
  type Validator,
  type ValidatorContext,
} from './validator.js'

const LABEL = 'dotbit'
// Names and sub-accounts may hold emoji and digits; only the `.bit` suffix and no spaces are certain.
const ACCOUNT = /^[^\s/]+\.bit$/u
// das-account-indexer's error codes (API.md "Error Code"): definite answers about the account.
const ACCOUNT_FORMAT_INVALID = 20006
const ACCOUNT_NOT_EXIST = 20007

/** The dotbit validator; always configured (DOTBIT_API_URL has a default). */
export function createDotbitValidator(config: PlatformConfig['dotbit']): Validator<'dotbit'> {
  return {
    platform: 'dotbit',
    isConfigured: true,
    validate: async (request, context) => {
      // The reference wants a new record signed over the delete payload; the avatar's signature is enough (§15 #11).
      if (request.action === 'delete') return deleteWithAvatarSignature(request)
      if (!ACCOUNT.test(request.identity))
        throw new InvalidInputError('identity', 'expected a .bit account like alice.bit')
      return validateRecords(request, await fetchRecords(config.apiUrl, request.identity, context))
    },
  }
}

function validateRecords(request: ValidationRequest, records: unknown[]): ValidationResult {
  const values = records.map(asJsonObject).flatMap((record) => {
    const isNextId = (record?.key === 'nextid' && record.type === 'profile') || record?.key === 'profile.nextid'
    return isNextId && typeof record?.value === 'string' ? [record.value] : []
  })
  const signatures = values.flatMap((value) => {
    try {
      const parsed = parseDotbitRecord(value)
      return parsed.persona === request.avatar ? [parsed.signature] : []
    } catch (error) {
      // Another app's value under the same key is not a proof; anything else is a bug.
      if (!(error instanceof InvalidInputError)) throw error
      return []
    }
  })
  if (signatures.length === 0) {
    throw new ProofRejectedError(`.bit account ${request.identity} has no nextid record for avatar ${request.avatar}`)
  }
  // An account may keep an old record for the same avatar next to the current one: any valid one proves it.
  const linkSignature = firstValidSignature(request, signatures, `the nextid record of ${request.identity}`)
  return { identity: request.identity, altId: '', linkSignature }
}

async function fetchRecords(apiUrl: string, account: string, context: ValidatorContext): Promise<unknown[]> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account }) }
  const response = await fetchPlatform(context, LABEL, `${apiUrl}/v1/account/records`, init)
  if (response.status !== 200) throw unexpectedStatus(LABEL, response)
  const body = asJsonObject(await readPlatformJson(response, LABEL, context))
  const code = body?.err_no ?? body?.errno
  const message = body?.err_msg ?? body?.errmsg
  if (code === ACCOUNT_NOT_EXIST) throw new ProofRejectedError(`.bit account not found: ${account}`)
  if (code === ACCOUNT_FORMAT_INVALID) throw new ProofRejectedError(`.bit account name is invalid: ${account}`)
  if (code !== 0) {
    throw new PlatformUnavailableError(`dotbit answered err_no ${String(code)}: ${String(message ?? '')}`.trimEnd())
  }
  const records = asJsonObject(body?.data)?.records
  // A registered account without records may come back as `null` instead of `[]`.
  if (records === null || records === undefined) return []
  if (!Array.isArray(records)) throw new PlatformUnavailableError('dotbit answered records that are not a list')
  return records
}
