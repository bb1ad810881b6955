/**
 * The sign-in message (ERC-4361 layout, CAIP-122 data model; platforms.md §4.3). The extension
 * builds it itself: domain and URI come from the requesting origin (the browser's sender
 * information), the address from the avatar; the dApp supplies only nonce, statement and chain.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { describeValue, requireInteger, requirePlainObject, requireString } from '../../../src/input.js'

/** What the dApp may choose in nextid_signIn. */
export type SignInRequest = { nonce: string; statement?: string; chainId: number; expirationTime?: string }

const NONCE = /^[A-Za-z0-9]{8,64}$/
// One line of printable ASCII: ERC-4361 forbids LF, and other control characters could hide text.
const STATEMENT = /^[\x20-\x7e]{1,280}$/
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/
const KNOWN = new Set(['nonce', 'statement', 'chainId', 'expirationTime'])

/** Checks nextid_signIn's params: `{ nonce, statement?, chainId?, expirationTime? }`. */
export function parseSignInRequest(params: unknown): SignInRequest {
  const input = requirePlainObject(params, 'params')
  for (const key of Object.keys(input)) {
    if (!KNOWN.has(key)) throw new InvalidInputError(`params.${key.slice(0, 40)}`, 'is not a sign-in field')
  }
  const nonce = requireString(input.nonce, 'nonce')
  if (!NONCE.test(nonce)) throw new InvalidInputError('nonce', 'expected 8 to 64 letters or digits')
  const request: SignInRequest = {
    nonce,
    chainId: input.chainId === undefined ? 1 : requireInteger(input.chainId, 'chainId', 1, Number.MAX_SAFE_INTEGER),
  }
  if (input.statement !== undefined) {
    const statement = requireString(input.statement, 'statement')
    if (!STATEMENT.test(statement)) {
      throw new InvalidInputError('statement', 'expected one line of 1 to 280 printable ASCII characters')
    }
    request.statement = statement
  }
  if (input.expirationTime !== undefined) {
    const time = requireString(input.expirationTime, 'expirationTime')
    if (!RFC3339.test(time) || Number.isNaN(Date.parse(time))) {
      throw new InvalidInputError('expirationTime', `expected an RFC 3339 date-time, got ${describeValue(time)}`)
    }
    request.expirationTime = time
  }
  return request
}

/** The message text for `origin` (scheme://host[:port]) and a checksummed `address`, issued at `issuedAt`. */
export function buildSignInMessage(origin: string, address: string, request: SignInRequest, issuedAt: Date): string {
  const url = new URL(origin)
  // https is assumed when the scheme is left out (ERC-4361); any other scheme is written out.
  const domain = url.protocol === 'https:' ? url.host : `${url.protocol}//${url.host}`
  const lines = [`${domain} wants you to sign in with your Ethereum account:`, address, '']
  if (request.statement !== undefined) lines.push(request.statement)
  lines.push(
    '',
    `URI: ${url.origin}`,
    'Version: 1',
    `Chain ID: ${request.chainId}`,
    `Nonce: ${request.nonce}`,
    `Issued At: ${issuedAt.toISOString()}`,
  )
  if (request.expirationTime !== undefined) lines.push(`Expiration Time: ${request.expirationTime}`)
  return lines.join('\n')
}
