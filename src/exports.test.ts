/**
 * Every exported function of src/ meets bad input with a typed error (a NextIdError naming what is
 * wrong), never a TypeError from deep inside and never a crash. Bad values go into each argument
 * position in turn; other positions get bad values too, since no argument may be trusted.
 */
import { describe, expect, it } from 'vitest'
import * as client from './client/index.js'
import * as crypto from './crypto/index.js'
import { NextIdError } from './errors.js'
import * as input from './input.js'
import * as maskImport from './mask-import/index.js'
import * as protocol from './protocol/index.js'
import * as vault from './vault/index.js'
import * as verify from './verify/index.js'

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  42,
  Number.NaN,
  -1,
  true,
  '',
  'zz',
  '0x',
  '0xnothex',
  'not base64!',
  'ffffffff-ffff',
  '\ud800',
  [],
  [1, 2],
  {},
  { action: 7 },
  new Uint8Array(3),
  () => 1,
  Symbol('s'),
  BigInt(1),
]

// Functions whose contract is to take anything and answer a value, never to refuse.
const TOTAL_FUNCTIONS = new Set(['describeValue', 'isPlainObject', 'isRegisteredPlatform', 'compareUtf8', 'shortenHex'])
// Parameters our own code supplies (an error's field name, a guard's allowed values), never outside input.
const CONFIGURATION_PARAMETERS: Record<string, unknown> = {
  field: 'value',
  lengths: [32],
  allowed: ['a'],
  min: 0,
  max: 10,
  length: 32,
}
const modules = { crypto, input, maskImport, protocol, client, vault, verify }

function functionsOf(module: Record<string, unknown>) {
  return Object.entries(module).filter(
    (entry): entry is [string, (...args: unknown[]) => unknown] =>
      typeof entry[1] === 'function' && !/^[A-Z]/.test(entry[0]) && !TOTAL_FUNCTIONS.has(entry[0]),
  )
}

/** The declared parameter names, read from the function's source (defaults and types are gone there). */
function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  const list = /^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? ''
  return list
    .split(',')
    .map(
      (part) =>
        part
          .trim()
          .replace(/^\.\.\./, '')
          .split(/[\s=]/)[0] ?? '',
    )
    .filter((part) => part !== '')
}

async function outcome(call: () => unknown): Promise<unknown> {
  try {
    const result = call()
    if (result instanceof Promise) await result
    return undefined
  } catch (error) {
    return error
  }
}

describe('every exported function of src/ refuses bad input with a typed error', () => {
  for (const [moduleName, module] of Object.entries(modules)) {
    for (const [name, fn] of functionsOf(module as Record<string, unknown>)) {
      it(`${moduleName}.${name}`, async () => {
        const names = parameterNames(fn)
        const arity = Math.max(names.length, 1)
        for (const bad of BAD_VALUES) {
          for (let position = 0; position < arity; position++) {
            const args = names.map((parameter, i) =>
              Object.hasOwn(CONFIGURATION_PARAMETERS, parameter)
                ? CONFIGURATION_PARAMETERS[parameter]
                : i === position
                  ? bad
                  : BAD_VALUES[(i + 7) % BAD_VALUES.length],
            )
            const error = await outcome(() => fn(...args))
            if (error === undefined) continue // e.g. bytesToHex(Uint8Array(3)) is a fine call
            expect(error, `${name}(${args.map(String).join(', ')}) threw ${String(error)}`).toBeInstanceOf(NextIdError)
            expect((error as Error).message).not.toBe('')
          }
        }
      })
    }
  }
})
