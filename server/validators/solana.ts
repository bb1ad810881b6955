/**
 * Solana bindings (§6.5): like Ethereum, but the wallet signs with ed25519 over the raw UTF-8
 * bytes of the sign payload (no prefix, no hash), written in base58, and the identity is the
 * case-sensitive base58 address. Create needs both signatures; delete either. Pure crypto.
 */
import { decodeBase58, verifySolanaSignature } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { ProofRejectedError, type ValidationRequest, type Validator } from './validator.js'
import { validateWalletBinding, type WalletBinding } from './wallet-binding.js'

/** The solana validator; always configured, since it needs no platform settings. */
export function createSolanaValidator(): Validator<'solana'> {
  return {
    platform: 'solana',
    isConfigured: true,
    validate: async (request) => validateWalletBinding(request, SOLANA_WALLET),
  }
}

const SOLANA_WALLET: WalletBinding = {
  checkWalletSignature,
  altIdOf: () => '',
}

function checkWalletSignature(request: ValidationRequest, wallet: string): Uint8Array {
  const failed = (detail: string) => new ProofRejectedError(`Solana wallet signature validation failed: ${detail}`)
  let signature: Uint8Array
  try {
    signature = decodeBase58(wallet, 'wallet_signature', 64)
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    throw failed('wallet_signature is not base58 of 64 bytes')
  }
  let valid: boolean
  try {
    valid = verifySolanaSignature(request.signPayload, wallet, request.identity)
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    throw failed('the identity is not a Solana address')
  }
  if (!valid) throw failed(`not signed by ${request.identity}`)
  return signature
}
