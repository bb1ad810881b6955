/**
 * Verifies an avatar's proof chain as GET /v1/proofchain returns it (§4.8, §8), trusting no
 * server: each link's signature must recover to the avatar (or, for a wallet-signed Ethereum or
 * Solana delete, to the wallet, §6.4/§6.5) over the exact string it stores, and each signed
 * payload's `prev` must be the previous link's signature. A wallet may only revoke a binding that
 * a verified create earlier in the chain made: otherwise any throwaway wallet could append links
 * to any avatar's chain.
 */
import type { ProofChainLink } from '../client/types.js'
import { encodeBase58 } from '../crypto/base58.js'
import { decodeBase64 } from '../crypto/base64.js'
import { addressOf, parsePublicKey } from '../crypto/keys.js'
import { recoverPersonalSigner } from '../crypto/personal-sign.js'
import { verifySolanaSignature } from '../crypto/solana.js'
import { InvalidInputError } from '../errors.js'
import { requireString } from '../input.js'
import { buildLegacyProofSignPayload } from '../protocol/proof-payload.js'

/** The fields of a chain link that verification reads. */
export type ChainLinkToVerify = Pick<
  ProofChainLink,
  'action' | 'platform' | 'identity' | 'createdAt' | 'uuid' | 'signature' | 'signaturePayload'
>

export type LinkStatus = 'verified' | 'signature-mismatch' | 'broken-link' | 'payload-mismatch' | 'malformed'

export type LinkVerification = {
  index: number
  status: LinkStatus
  /** Who signed, when verified: the avatar, or the bound wallet revoking its own binding. */
  signer?: 'avatar' | 'wallet'
  /** The exact text the signature covers: the stored payload, or the legacy 4-key form (§5.2). */
  signedText: string
  /** Why the link is not verified, in words; `""` when it is. */
  reason: string
}

export type ChainVerification = {
  /** True when every link is verified and linked to the one before it. */
  valid: boolean
  links: LinkVerification[]
}

/** Verifies every link of a chain, oldest first, for the avatar given in any public-key form. */
export function verifyProofChain(avatar: unknown, links: readonly ChainLinkToVerify[]): ChainVerification {
  const avatarAddress = addressOf(parsePublicKey(avatar, 'avatar'))
  if (!Array.isArray(links)) throw new InvalidInputError('links', 'expected an array of chain links')
  const held = new Set<string>()
  const results = links.map((link, index) => {
    const expectedPrev = index === 0 ? null : (links[index - 1] as ChainLinkToVerify).signature
    const result = verifyLink(link, index, expectedPrev, avatarAddress)
    if (result.status !== 'verified') return result
    const binding = bindingKey(link)
    if (result.signer === 'wallet' && !held.has(binding)) {
      const reason = 'the wallet revokes a binding no earlier link of this chain made'
      return { index, status: 'signature-mismatch', signedText: result.signedText, reason } satisfies LinkVerification
    }
    if (link.action === 'create') held.add(binding)
    else held.delete(binding)
    return result
  })
  return { valid: results.every((result) => result.status === 'verified'), links: results }
}

// Ethereum addresses compare case-insensitively (§6.4); every other identity as stored.
function bindingKey(link: ChainLinkToVerify): string {
  const identity = link.platform === 'ethereum' ? link.identity.toLowerCase() : link.identity
  return `${link.platform}\n${identity}`
}

function verifyLink(
  link: ChainLinkToVerify,
  index: number,
  expectedPrev: string | null,
  avatarAddress: string,
): LinkVerification {
  const field = `links[${index}]`
  for (const key of ['action', 'platform', 'identity', 'createdAt', 'uuid', 'signature', 'signaturePayload'] as const) {
    requireString(link?.[key], `${field}.${key}`)
  }
  let signedText = link.signaturePayload
  if (signedText === '') {
    try {
      signedText = buildLegacyProofSignPayload({ ...link, prev: expectedPrev })
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error
      return { index, status: 'malformed', signedText, reason: `the legacy link cannot be rebuilt: ${error.message}` }
    }
  }
  const report = (status: LinkStatus, reason: string, signer?: 'avatar' | 'wallet'): LinkVerification =>
    signer ? { index, status, signer, signedText, reason } : { index, status, signedText, reason }

  const mismatch = findPayloadMismatch(link, expectedPrev)
  if (mismatch) return report(mismatch.status, mismatch.reason)

  if (link.signature === '') return report('malformed', 'the link has no signature')
  let signature: Uint8Array
  try {
    signature = decodeBase64(link.signature, `${field}.signature`)
  } catch {
    return report('malformed', 'the signature is not base64')
  }
  if (signature.length !== 65 && signature.length !== 64) {
    return report('malformed', `the signature has ${signature.length} bytes, not 65`)
  }
  const signer = findSigner(link, signedText, signature, avatarAddress)
  if (signer) return report('verified', '', signer)
  return report('signature-mismatch', 'the signature does not recover to this avatar')
}

/** Checks what the signed payload says against the link and its place in the chain. */
function findPayloadMismatch(
  link: ChainLinkToVerify,
  expectedPrev: string | null,
): { status: LinkStatus; reason: string } | undefined {
  if (link.signaturePayload === '') return undefined
  let payload: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(link.signaturePayload)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
    payload = parsed as Record<string, unknown>
  } catch {
    return { status: 'malformed', reason: 'the signed payload is not a JSON object' }
  }
  if (payload.prev !== expectedPrev) {
    return { status: 'broken-link', reason: 'the signed payload does not point to the previous link' }
  }
  const expected: Record<string, string> = {
    action: link.action,
    platform: link.platform,
    identity: link.identity,
    uuid: link.uuid,
    created_at: link.createdAt,
  }
  for (const [key, value] of Object.entries(expected)) {
    if (value !== '' && payload[key] !== value) {
      return { status: 'payload-mismatch', reason: `the signed payload says ${key} ${JSON.stringify(payload[key])}` }
    }
  }
  return undefined
}

function findSigner(
  link: ChainLinkToVerify,
  signedText: string,
  signature: Uint8Array,
  avatarAddress: string,
): 'avatar' | 'wallet' | undefined {
  if (signature.length === 65) {
    let recovered: string
    try {
      recovered = addressOf(recoverPersonalSigner(signedText, signature))
    } catch {
      return undefined
    }
    if (recovered === avatarAddress) return 'avatar'
    const walletDelete = link.platform === 'ethereum' && link.action === 'delete'
    return walletDelete && recovered === link.identity.toLowerCase() ? 'wallet' : undefined
  }
  // A Solana wallet revoking its binding signs with ed25519: 64 bytes, no recovery (§6.5).
  if (signature.length === 64 && link.platform === 'solana' && link.action === 'delete') {
    try {
      return verifySolanaSignature(signedText, encodeBase58(signature), link.identity) ? 'wallet' : undefined
    } catch {
      return undefined // the identity is not a Solana address
    }
  }
  return undefined
}
