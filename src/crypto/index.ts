export { decodeBase64, encodeBase64 } from './base64.js'
export { bytesToHex, hexToBytes } from './hex.js'
export {
  addressOf,
  avatarAddress,
  avatarId,
  formatPublicKey,
  getPublicKey,
  parseAddress,
  parsePrivateKey,
  parsePublicKey,
  publicKeyBytes,
  toChecksumAddress,
} from './keys.js'
export {
  hashPersonalMessage,
  recoverPersonalSigner,
  recoveryIdOf,
  signPersonalMessage,
  verifyPersonalSignature,
  verifyWalletSignature,
} from './personal-sign.js'
export { decodeBase58, encodeBase58, verifySolanaSignature } from './solana.js'
