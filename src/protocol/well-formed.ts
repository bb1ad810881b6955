/**
 * Signed payloads are hashed as UTF-8. A lone UTF-16 surrogate has no UTF-8 form: Go and Rust
 * would substitute U+FFFD and the signature would cover other bytes, so such text is refused.
 */
import { InvalidInputError } from '../errors.js'
import { requireString } from '../input.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Returns the text if it is well-formed UTF-16 (no lone surrogate), else throws naming the field. */
export function requireWellFormed(value: unknown, field: string): string {
  const text = requireString(value, field)
  if (LONE_SURROGATE.test(text)) {
    throw new InvalidInputError(field, 'contains a lone UTF-16 surrogate, which has no UTF-8 form')
  }
  return text
}
