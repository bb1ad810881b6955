/**
 * Ethereum bindings (§6.4): no post, two signatures over the same sign payload. Create needs the
 * wallet's personal_sign (base64 `extra.wallet_signature`, recovering to the identity address,
 * compared as addresses) and the avatar's; delete needs either. Pure crypto, no network.
 */
import { decodeBase64 } from '../../src/crypto/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { recoverSignerAddress } from '../crypto/signer-keys.js'
import { ProofRejectedError, type ValidationRequest, type Validator } from './validator.js'
import { validateWalletBinding, type WalletBinding } from './wallet-binding.js'

/** The ethereum validator; always configured, since it needs no platform settings. */
export function createEthereumValidator(): Validator<'ethereum'> {
  return {
    platform: 'ethereum',
    isConfigured: true,
    validate: async (request) => validateWalletBinding(request, ETHEREUM_WALLET),
  }
}

const ETHEREUM_WALLET: WalletBinding = {
  checkWalletSignature,
  // The reference stores the lowercase address as alt_id too (§6.4).
  altIdOf: (request) => request.identity,
}

/** Decodes and checks the wallet's signature; any fault is a definite "not proven". */
function checkWalletSignature(request: ValidationRequest, wallet: string): Uint8Array {
  const failed = (detail: string) => new ProofRejectedError(`ETH wallet signature validation failed: ${detail}`)
  let signature: Uint8Array
  try {
    signature = decodeBase64(wallet, 'wallet_signature')
  } catch {
    throw failed('wallet_signature is not standard base64')
  }
  if (signature.length !== 65) throw failed(`Signature length invalid: ${signature.length} instead of 65`)
  let signer: string
  try {
    signer = recoverSignerAddress(request.signPayload, signature, 'wallet_signature')
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    const v = signature[64] as number
    throw failed(v > 1 && v !== 27 && v !== 28 ? 'Signature Recovery ID not supported' : 'signature does not recover')
  }
  // Addresses compare as bytes, so a checksum-cased identity matches (§6.4).
  if (signer !== request.identity.toLowerCase()) throw failed(`signed by ${signer}, not ${request.identity}`)
  return signature
}
