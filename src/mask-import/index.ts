/** Importing Mask Network personas (issue 16): every format a persona key left Mask in. */
export { CONTAINER_ITERATIONS, type ContainerVersion } from './backup-container.js'
export { MaskImportError, type MaskImportReason } from './mask-import-error.js'
export type { MaskPersona } from './mask-persona.js'
export type { BackupCredentials, OpeningProgress } from './open-encrypted-backup.js'
export type { PasswordVariant } from './password-variants.js'
export { type MaskFileOptions, type MaskFileReading, readMaskFile } from './read-mask-file.js'
export { type MaskFound, type MaskTextFormat, readMaskText } from './read-mask-text.js'
export { type Pixels, readQrCode } from './read-qr-code.js'
