/** Builds real, signed proof chains for the verification tests (no mocked signing). */
import type { ProofChainLink } from '../../../../src/client/types.js'
import { encodeBase64 } from '../../../../src/crypto/base64.js'
import { getPublicKey } from '../../../../src/crypto/keys.js'
import { signPersonalMessage } from '../../../../src/crypto/personal-sign.js'
import type { Platform } from '../../../../src/protocol/platforms.js'
import type { ProofAction } from '../../../../src/protocol/proof-fields.js'
import { buildProofSignPayload } from '../../../../src/protocol/proof-payload.js'

export type LinkSpec = { action: ProofAction; platform: Platform; identity: string; signer?: Uint8Array }

let counter = 0

/** Appends links signed by `avatarKey` (or each spec's own signer), each pointing to the one before. */
export function buildChain(avatarKey: Uint8Array, specs: LinkSpec[]): ProofChainLink[] {
  const avatar = getPublicKey(avatarKey)
  const links: ProofChainLink[] = []
  for (const spec of specs) {
    counter++
    const uuid = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`
    const createdAt = String(1_700_000_000 + counter)
    const prev = links.at(-1)?.signature ?? null
    const payload = buildProofSignPayload({ ...spec, avatar, uuid, createdAt, prev })
    const signature = encodeBase64(signPersonalMessage(payload, spec.signer ?? avatarKey))
    links.push({
      action: spec.action,
      platform: spec.platform,
      identity: JSON.parse(payload).identity,
      altId: '',
      proofLocation: '',
      createdAt,
      signature,
      signaturePayload: payload,
      uuid,
      extra: {},
      arweaveId: '',
    })
  }
  return links
}
