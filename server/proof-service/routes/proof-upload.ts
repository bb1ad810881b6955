/**
 * POST /v1/proof (§4.5, §7.1, §7.2): rebuilds the sign payload on the avatar's current chain head,
 * checks the avatar's signature, asks the platform's validator (network, so outside any
 * transaction), then appends the link and applies it in one statement that refuses a moved head
 * (§15 #4), committed together with the other submissions in flight. Answers 201 `{}`. A create
 * needs room under the bindings cap; a wallet-signed delete needs the avatar to hold the binding,
 * so no throwaway wallet can append to another avatar's chain.
 */
import { buildProofSignPayload } from '../../../src/protocol/index.js'
import { HttpError } from '../../http/http-error.js'
import { readJsonBody } from '../../http/read-json-body.js'
import type { Route } from '../../service-deps.js'
import type { ValidationRequest, ValidationResult } from '../../validators/validator.js'
import type { ProofServiceDeps } from '../app.js'
import { requireHeldBinding, requireRoomForBinding } from '../avatar-bindings.js'
import { checkAvatarSignature } from '../avatar-signature.js'
import { type BindingTarget, resolveBindingTarget, toHttpError } from '../binding-target.js'
import { readSubmission, type Submission } from '../submission.js'

// A wallet may revoke its own binding without the avatar (§6.4, §6.5); everything else needs the avatar (§15 #5).
const WALLET_PLATFORMS: readonly string[] = ['ethereum', 'solana']

export const proofUploadRoute: Route<ProofServiceDeps> = (app, deps) => {
  app.post('/v1/proof', async (c) => {
    const submission = readSubmission((await readJsonBody(c)).value)
    const { avatar, action, uuid, createdAt } = submission
    const target = await resolveBindingTarget(
      deps,
      submission.platform,
      submission.identity,
      `platform not supported: ${submission.platform.slice(0, 40)}`,
    )
    const head = await deps.chainWrites.readHead(avatar)
    const walletRevokes = isWalletRevoke(target, submission)
    if (action === 'create' || walletRevokes) {
      // Read after the head: a binding changes only with a link, so if the head is still the same
      // at the append (which refuses a moved head), so is what this read saw.
      const bindings = await deps.chainWrites.readBindings({
        avatar,
        platform: target.platform,
        identity: target.identity,
      })
      if (action === 'create') requireRoomForBinding(bindings)
      else requireHeldBinding(bindings)
    }
    const params = {
      action,
      platform: target.platform,
      identity: target.identity,
      avatar,
      uuid,
      createdAt,
      prev: head?.signature ?? null,
    }
    const signPayload = buildProofSignPayload({ ...params, avatar: submission.avatarKey.uncompressed })
    const result = await validate(deps, target, submission, { ...params, signPayload }, walletRevokes)
    await deps.chainWrites.append({
      link: {
        avatar,
        action,
        platform: target.platform,
        identity: result.identity,
        altId: result.altId,
        location: submission.proofLocation,
        createdAt,
        signature: result.linkSignature,
        signaturePayload: signPayload,
        // Stored as the reference stores it (§4.8).
        extra: { wallet_signature: submission.walletSignature },
        uuid,
      },
      expectedHeadId: head?.id ?? null,
    })
    return c.json({}, 201)
  })
}

// The link then carries the wallet's signature, not the avatar's (validators/wallet-binding.ts).
function isWalletRevoke(target: BindingTarget, submission: Submission): boolean {
  return (
    submission.action === 'delete' && WALLET_PLATFORMS.includes(target.platform) && submission.walletSignature !== ''
  )
}

type SignedParams = Omit<ValidationRequest, 'proofLocation' | 'avatarSignature' | 'extra'>

/** Checks the avatar's signature (when it must or may be there), then asks the platform's validator. */
async function validate(
  deps: ProofServiceDeps,
  target: BindingTarget,
  submission: Submission,
  params: SignedParams,
  walletRevokes: boolean,
): Promise<ValidationResult> {
  if (submission.signature === '' && !walletRevokes) throw new HttpError(400, 'extra.signature not found')
  const avatarSignature =
    submission.signature === ''
      ? undefined
      : await checkAvatarSignature(deps.db, submission.signature, params, submission.avatarKey)
  try {
    return await target.validator.validate(
      {
        ...params,
        proofLocation: submission.proofLocation,
        avatarSignature,
        extra: submission.walletSignature === '' ? {} : { wallet_signature: submission.walletSignature },
      },
      deps.validatorContext,
    )
  } catch (error) {
    throw toHttpError(error)
  }
}
