/**
 * POST /v1/proof/restore_pubkey (§4.10): which avatar signed a proof. Form (a) sends the signed
 * payload's parts and the signature; form (b) sends a whole tweet, read through its `Sig:` and
 * `Misc: uuid|created_at|prev` lines. Answers 200 `{"public_key":"0x<compressed>"}`.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { platformSpec, REGISTERED_PLATFORMS } from '../../../src/platforms/index.js'
import {
  buildProofSignPayload,
  findSignatureLine,
  normalizeIdentity,
  parsePrevSignature,
  parseProofAction,
  parseTwitterMisc,
} from '../../../src/protocol/index.js'
import { recoverSigner } from '../../crypto/signer-keys.js'
import { HttpError } from '../../http/http-error.js'
import { readJsonBody } from '../../http/read-json-body.js'
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { decodeSignatureField } from '../avatar-signature.js'
import { parseRequestCreatedAt, parseRequestUuid, readStringField, requireBodyObject } from '../request-fields.js'

// Wallets' payloads contain the avatar itself (§5.2), so there is nothing to restore it from.
const RESTORABLE = REGISTERED_PLATFORMS.filter((name) => platformSpec(name).kind !== 'wallet')
// Any valid key: buildProofSignPayload needs one, and the platforms above never print it.
const UNUSED_AVATAR = '0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'

type SignedParts = { uuid: string; createdAt: string; prev: string | null; signature: Uint8Array }

export const proofRestorePubkeyRoute: Route<ProofServiceDeps> = (app) => {
  app.post('/v1/proof/restore_pubkey', async (c) => {
    const body = requireBodyObject((await readJsonBody(c)).value)
    const field = (name: string) => readStringField(body, name)
    const [action, platform, identity, proofPost] = [
      field('action'),
      field('platform'),
      field('identity'),
      field('proof_post'),
    ]
    if (!action || !platform || !identity) throw new HttpError(400, 'param invalid')
    const restorable = (proofPost ? ['twitter'] : RESTORABLE) as readonly string[]
    if (!restorable.includes(platform)) throw new HttpError(400, `platform not supported: ${platform.slice(0, 40)}`)
    const parts = proofPost ? readTweet(proofPost) : readSignedParts(body)
    const payload = buildProofSignPayload({
      action: parseProofAction(action),
      platform: platform as (typeof RESTORABLE)[number],
      identity: normalizeIdentity(platform, identity),
      avatar: UNUSED_AVATAR,
      ...parts,
    })
    let signer: string
    try {
      signer = recoverSigner(payload, parts.signature).id
    } catch (error) {
      if (error instanceof InvalidInputError) throw new HttpError(400, 'bad signature')
      throw error
    }
    return c.json({ public_key: signer })
  })
}

function readSignedParts(body: Record<string, unknown>): SignedParts {
  const previous = readStringField(body, 'previous')
  const signature = readStringField(body, 'signature')
  const createdAt = parseRequestCreatedAt(readStringField(body, 'created_at'))
  const uuid = parseRequestUuid(readStringField(body, 'uuid'))
  if (!signature) throw new HttpError(400, 'param invalid')
  return {
    uuid,
    createdAt,
    prev: previous === '' ? null : parsePrevSignature(previous, 'previous'),
    signature: decodeSignatureField(signature, 'signature'),
  }
}

function readTweet(post: string): SignedParts {
  let misc: ReturnType<typeof parseTwitterMisc>
  let signature: string
  try {
    signature = findSignatureLine(post, 'twitter')
    misc = parseTwitterMisc(post)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new HttpError(400, `proof_post: ${error.message}`)
    throw error
  }
  return { ...misc, signature: decodeSignatureField(signature, 'Sig') }
}
