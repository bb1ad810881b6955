/**
 * Why something the user brought from Mask Network imports nothing (issue 16). The `reason` is the
 * code the popup words; nothing here quotes the input, which may hold a key.
 */
import { NextIdError } from '../errors.js'

export type MaskImportReason =
  /** None of the formats Mask wrote (docs: README "Coming from Mask Network"). */
  | 'unrecognised'
  /** Looks like a phrase, but a word is unknown or the checksum fails. */
  | 'bad-phrase'
  /** An image with no readable QR code. */
  | 'no-qr-code'
  /** An encrypted backup that is cut short, whose checksum fails, or whose inside is not a backup. */
  | 'damaged-backup'
  /** No password (with or without the account) opened the encrypted backup. */
  | 'wrong-password'
  /** Mask's wallet keystore (Ethereum V3 JSON): a wallet, not a persona. */
  | 'wallet-keystore'
  /** A backup with no personas at all. */
  | 'no-personas'
  /** A backup whose personas are all contacts (no private key); `count` says how many. */
  | 'only-contacts'
  /** A persona whose private key does not give the public key its record states. */
  | 'key-mismatch'

/** The input imports nothing, for `reason`. */
export class MaskImportError extends NextIdError {
  readonly reason: MaskImportReason
  /** For `only-contacts`: how many contacts were skipped (a string: it crosses to the popup as a detail). */
  readonly count: string | undefined

  constructor(reason: MaskImportReason, problem: string, count?: number) {
    super('MASK_IMPORT', `Mask import: ${problem}`)
    this.reason = reason
    this.count = count === undefined ? undefined : String(count)
  }
}
