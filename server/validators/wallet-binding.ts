/**
 * The two-signature flow Ethereum and Solana share (§6.4, §6.5): no post; create needs the
 * wallet's signature and the avatar's over the same sign payload; delete needs either, and a
 * wallet revoking its own binding leaves its own signature on the chain link.
 */
import { encodeBase64 } from '../../src/crypto/index.js'
import { ProofRejectedError, type ValidationRequest, type ValidationResult } from './validator.js'

export type WalletBinding = {
  /** Decodes and checks `extra.wallet_signature`; throws ProofRejectedError when it does not prove the identity. */
  checkWalletSignature(request: ValidationRequest, wallet: string): Uint8Array
  altIdOf(request: ValidationRequest): string
}

/** Validates a wallet binding or revocation with the platform's own wallet-signature check. */
export function validateWalletBinding(request: ValidationRequest, platform: WalletBinding): ValidationResult {
  const wallet = request.extra.wallet_signature ?? ''
  const result = (signature: Uint8Array): ValidationResult => ({
    identity: request.identity,
    altId: platform.altIdOf(request),
    linkSignature: encodeBase64(signature),
  })
  if (request.action === 'delete') {
    if (wallet !== '') return result(platform.checkWalletSignature(request, wallet))
    if (request.avatarSignature) return result(request.avatarSignature)
    throw new ProofRejectedError('extra.signature or extra.wallet_signature not found')
  }
  if (wallet === '') throw new ProofRejectedError('wallet_signature not found')
  platform.checkWalletSignature(request, wallet)
  if (!request.avatarSignature) throw new ProofRejectedError('extra.signature not found')
  return result(request.avatarSignature)
}
