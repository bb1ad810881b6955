export { parseAddress, toChecksumAddress } from './address.js'
export { decodeBase58, encodeBase58 } from './base58.js'
export { decodeBase64, encodeBase64 } from './base64.js'
export { bytesToHex, hexToBytes } from './hex.js'
export {
  addressOf,
  avatarAddress,
  avatarId,
  formatPublicKey,
  getPublicKey,
  parsePrivateKey,
  parsePublicKey,
  publicKeyBytes,
} from './keys.js'
export {
  hashPersonalMessage,
  recoverPersonalSigner,
  recoveryIdOf,
  signPersonalMessage,
  verifyPersonalSignature,
  verifyWalletSignature,
} from './personal-sign.js'
export { verifySolanaSignature } from './solana.js'
