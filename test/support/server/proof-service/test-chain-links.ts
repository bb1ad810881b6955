/**
 * Runs in: tests. Distinct, well-formed chain links for the append tests: each call gets its own
 * identity, uuid, created_at and signature, so links never collide unless a test says so.
 */
import type { NewChainLink } from '../../../../server/proof-service/append-chain-link.js'

let count = 0

/** A create link for `avatar` (Ethereum, no location), with `changes` applied. */
export function sampleChainLink(avatar: string, changes: Partial<NewChainLink> = {}): NewChainLink {
  count += 1
  return {
    avatar,
    action: 'create',
    platform: 'ethereum',
    identity: `0x${String(count).padStart(40, '0')}`,
    altId: '',
    location: '',
    createdAt: String(1_700_000_000 + count),
    signature: `c2lnbmF0dXJl${count}`,
    signaturePayload: `{"n":${count}}`,
    extra: { wallet_signature: '' },
    uuid: `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`,
    ...changes,
  }
}
