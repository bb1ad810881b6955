/**
 * One error tree for the whole core. Every error has a stable `code`; boundaries (the server's
 * HTTP layer, the extension's dApp API) map codes once. Messages are short and name the field.
 */

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_IDENTITY'
  | 'WRONG_PASSWORD'
  | 'CORRUPT_ENVELOPE'
  | 'SERVICE_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'INVALID_RESPONSE'
  | 'MASK_IMPORT'

/** Base class of every error the core throws on purpose. */
export class NextIdError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** A value handed to the core is not what the named field must be. */
export class InvalidInputError extends NextIdError {
  readonly field: string

  constructor(field: string, problem: string) {
    super('INVALID_INPUT', `"${field}" ${problem}`)
    this.field = field
  }
}

/**
 * What the user typed is not an identity of the platform (issue 11): `rule` is the code the UI
 * words, `input` the user's own words to quote back.
 */
export class IdentityError extends NextIdError {
  readonly platform: string
  readonly rule: string
  readonly input: string
  readonly field: string

  constructor(platform: string, rule: string, input: string, field = 'identity') {
    super(
      'INVALID_IDENTITY',
      `"${field}" ${JSON.stringify(input.slice(0, 64))} is not a ${platform} identity (${rule})`,
    )
    this.platform = platform
    this.rule = rule
    this.input = input
    this.field = field
  }
}

/** The vault password does not open the envelope. */
export class WrongPasswordError extends NextIdError {
  constructor() {
    super('WRONG_PASSWORD', 'wrong password')
  }
}

/** A stored envelope is truncated, tampered with, or of an unknown version. */
export class CorruptEnvelopeError extends NextIdError {
  constructor(problem: string) {
    super('CORRUPT_ENVELOPE', `vault envelope is corrupt: ${problem}`)
  }
}

/** ProofService or KVService answered with an error status (its `{"message"}` kept). */
export class ServiceError extends NextIdError {
  readonly status: number
  readonly serviceMessage: string

  constructor(status: number, serviceMessage: string) {
    super('SERVICE_ERROR', `service answered ${status}: ${serviceMessage}`)
    this.status = status
    this.serviceMessage = serviceMessage
  }
}

/** The request never got an HTTP answer. */
export class NetworkError extends NextIdError {
  constructor(url: string, cause: unknown) {
    super('NETWORK_ERROR', `request to ${url} failed: ${describeCause(cause)}`, { cause })
  }
}

/** The request took longer than its time limit. */
export class TimeoutError extends NextIdError {
  constructor(url: string, milliseconds: number) {
    super('TIMEOUT', `request to ${url} timed out after ${milliseconds} ms`)
  }
}

/** A service answered 2xx, but not with the documented shape. */
export class InvalidResponseError extends NextIdError {
  constructor(url: string, problem: string) {
    super('INVALID_RESPONSE', `unexpected response from ${url}: ${problem}`)
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
