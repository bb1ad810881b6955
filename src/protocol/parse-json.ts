/**
 * Parses request text the way a KV server must (§9.1, §9.2): numbers stay as lossless-json
 * `LosslessNumber`s so that `stringifySerdeJson` can tell `1` from `1.0` and keep big integers.
 */
import { LosslessNumber, parse } from 'lossless-json'
import { InvalidInputError } from '../errors.js'
import { requireString } from '../input.js'

/**
 * Parses JSON text keeping every number's literal. Invalid JSON and a key repeated with a different
 * value are refused (a repeat with an equal value collapses, as it would in serde_json).
 */
export function parseJsonPreservingNumbers(text: unknown, field: string): unknown {
  const source = requireString(text, field)
  try {
    return parse(source, null, {
      parseNumber: (literal) => new LosslessNumber(literal),
      onDuplicateKey: ({ key }) => {
        throw new InvalidInputError(field, `has the key "${key.slice(0, 40)}" twice`)
      },
    })
  } catch (error) {
    if (error instanceof InvalidInputError) throw error
    throw new InvalidInputError(field, `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}
