export {
  DEFAULT_PBKDF2_ITERATIONS,
  deriveVaultKey,
  type OpenedSecret,
  openSecret,
  openSecretWithKey,
  resealSecretWithKey,
  sealSecret,
  type VaultOptions,
} from './envelope.js'
export {
  MAX_PBKDF2_ITERATIONS,
  MAX_SECRET_BYTES,
  MIN_PBKDF2_ITERATIONS,
  type VaultEnvelope,
} from './envelope-format.js'
export {
  AVATAR_DERIVATION_PATH,
  type AvatarKey,
  deriveAvatarKey,
  generateMnemonic,
  validateMnemonic,
} from './mnemonic.js'
export { exportVaultKey, forgetVaultKey, importVaultKey, VaultKey } from './vault-key.js'
