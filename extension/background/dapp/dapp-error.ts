/**
 * Errors a web page receives: EIP-1193 provider codes and JSON-RPC codes (platforms.md §4.2).
 * Only `code` and `message` cross to the page; internal errors are mapped once here.
 */
import { NextIdError } from '../../../src/errors.js'

export const REJECTED = 4001
export const UNAUTHORIZED = 4100
export const UNSUPPORTED = 4200
export const DISCONNECTED = 4900
export const INVALID_PARAMS = -32602
export const INTERNAL = -32603

/** An error with an EIP-1193 / JSON-RPC code, answered to the page as `{ code, message }`. */
export class DappError extends Error {
  readonly code: number

  constructor(code: number, message: string) {
    super(message)
    this.code = code
    this.name = 'DappError'
  }
}

/** The `{ code, message }` a page gets for any failure; never a stack, a cause or key material. */
export function toDappError(error: unknown): { code: number; message: string } {
  if (error instanceof DappError) return { code: error.code, message: error.message }
  if (error instanceof Error && 'code' in error) {
    if (error.code === 'INVALID_INPUT') return { code: INVALID_PARAMS, message: error.message }
    if (error.code === 'LOCKED' || error.code === 'NO_VAULT') {
      return { code: UNAUTHORIZED, message: 'the wallet is locked' }
    }
    // Service and network failures keep their own short message (no secrets in them).
    if (error instanceof NextIdError) return { code: INTERNAL, message: error.message }
  }
  return { code: INTERNAL, message: 'internal error' }
}
