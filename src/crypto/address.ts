/**
 * Ethereum addresses as text (EIP-55): parsing and the mixed-case checksum. Only keccak is needed,
 * not the curve — the platform registry's address check stays light for the popup's first screen.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { InvalidInputError } from '../errors.js'
import { requireString } from '../input.js'
import { bytesToHex } from './hex.js'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/**
 * Parses an Ethereum address (`0x` + 40 hex digits); returns it lowercase. A mixed-case address
 * must carry a valid EIP-55 checksum, so a mistyped one is caught.
 */
export function parseAddress(value: unknown, field = 'address'): string {
  const text = requireString(value, field)
  if (!ADDRESS.test(text)) throw new InvalidInputError(field, 'expected 0x and 40 hex digits')
  const lower = text.toLowerCase()
  const digits = text.slice(2)
  const isMixedCase = digits !== digits.toLowerCase() && digits !== digits.toUpperCase()
  if (isMixedCase && toChecksumAddress(lower) !== text) {
    throw new InvalidInputError(field, 'has a wrong EIP-55 checksum')
  }
  return lower
}

/** EIP-55 mixed-case checksum form of an address. */
export function toChecksumAddress(address: string): string {
  const digits = parseAddressDigits(address)
  const hash = bytesToHex(keccak_256(new TextEncoder().encode(digits)))
  let out = '0x'
  for (let i = 0; i < digits.length; i++) {
    const digit = digits[i] as string
    out += Number.parseInt(hash[i] as string, 16) >= 8 ? digit.toUpperCase() : digit
  }
  return out
}

function parseAddressDigits(address: unknown): string {
  if (typeof address !== 'string' || !ADDRESS.test(address))
    throw new InvalidInputError('address', 'expected 0x and 40 hex digits')
  return address.slice(2).toLowerCase()
}
