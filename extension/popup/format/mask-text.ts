/** The words for what "Import from Mask Network" found and why an input imports nothing (issue 16). */
import type { MaskFormat } from '../../messaging/catalogue.js'
import type { MessageKey } from '../../messaging/flow-status-text.js'

/** What the input was, as a noun phrase ("an encrypted Mask backup"). */
export const MASK_FORMAT_KEYS: Record<MaskFormat, MessageKey> = {
  phrase: 'maskFormatPhrase',
  'private-key-string': 'maskFormatPrivateKey',
  'private-key-jwk': 'maskFormatJwk',
  'private-key-hex': 'maskFormatHex',
  'persona-link': 'maskFormatLink',
  'legacy-qr-text': 'maskFormatLegacyQr',
  'json-backup': 'maskFormatJsonBackup',
  'base64-backup': 'maskFormatBase64Backup',
  'encrypted-backup': 'maskFormatEncryptedBackup',
}

/** Each reason src/mask-import gives, as a sentence; `only-contacts` takes the count. */
export const MASK_REASON_KEYS: Record<string, MessageKey> = {
  unrecognised: 'maskErrorUnrecognised',
  'bad-phrase': 'maskErrorBadPhrase',
  'no-qr-code': 'maskErrorNoQrCode',
  'damaged-backup': 'maskErrorDamaged',
  'wrong-password': 'maskErrorWrongPassword',
  'wallet-keystore': 'maskErrorWalletKeystore',
  'no-personas': 'maskErrorNoPersonas',
  'only-contacts': 'maskErrorOnlyContacts',
  'key-mismatch': 'maskErrorKeyMismatch',
}
