/**
 * POST /v1/kv's write (§9.1 steps 3–6) in ONE transaction, serialized per avatar (§15 #4): lock
 * the avatar's chain, re-read its head, rebuild the payload with it, verify the avatar signed
 * that, append the link and merge the patch. A rejected write changes nothing.
 */
import { buildKvSignPayload, stringifySerdeJson } from '../../src/protocol/index.js'
import { isSignedBy } from '../crypto/signer-keys.js'
import type { Database, Queryable } from '../db/database.js'
import { lockAvatarChain } from '../db/lock-avatar-chain.js'
import { isUniqueViolation } from '../db/sql-state.js'
import { HttpError } from '../http/http-error.js'
import { findEarlierHeads, insertKvLink, isUuidUsed, readChainHead } from './kv-chain.js'
import { mergeKvContent } from './kv-content.js'
import type { KvUploadRequest } from './kv-request.js'

const MISMATCH = 'Signature validation error: Public key mismatch'
const STALE =
  "Signature validation error: the avatar's KV chain changed after this payload was made; " +
  'request a new payload from POST /v1/kv/payload and sign it'

/** Verifies and stores one signed KV write; throws a 400 HttpError when it is not acceptable. */
export async function appendKvLink(db: Database, request: KvUploadRequest): Promise<void> {
  const avatar = request.avatarKey.id
  try {
    await db.transaction(async (tx) => {
      await lockAvatarChain(tx, avatar)
      if (await isUuidUsed(tx, request.uuid)) throw reusedUuid(request.uuid)
      const head = await readChainHead(tx, avatar)
      const signaturePayload = payloadWith(request, head?.signature ?? null)
      if (!isSignedBy(signaturePayload, request.signature, request.avatarKey)) throw new SignatureMismatch()
      await insertKvLink(tx, {
        uuid: request.uuid,
        avatar,
        platform: request.platform,
        identity: request.identity,
        patchJson: stringifySerdeJson(request.patch, 'patch'),
        patchText: request.patchText,
        signature: request.signatureText,
        signaturePayload,
        createdAt: request.createdAt,
        previousId: head?.id ?? null,
      })
      await mergeKvContent(tx, { avatar, platform: request.platform, identity: request.identity }, request.patch)
    })
  } catch (error) {
    // Told apart after the rollback, so the avatar's lock is not held during the extra recoveries.
    if (error instanceof SignatureMismatch) {
      throw new HttpError(400, (await signedEarlierHead(db, request)) ? STALE : MISMATCH)
    }
    // Another avatar's concurrent write took the uuid; or, without the lock, another link the head.
    if (isUniqueViolation(error, 'kv_chain_uuid_key')) throw reusedUuid(request.uuid)
    if (isUniqueViolation(error)) throw new HttpError(400, STALE)
    throw error
  }
}

function payloadWith(request: KvUploadRequest, previous: string | null): string {
  return buildKvSignPayload({
    uuid: request.uuid,
    // The uncompressed form goes into the payload as it is: no square root to decompress it.
    avatar: request.avatarKey.uncompressed,
    platform: request.platform,
    identity: request.identity,
    patch: request.patch,
    createdAt: request.createdAt,
    previous,
  })
}

// The refusal path is paid for by whoever sends a bad signature, so it is bounded: a payload is
// made moments before it is signed and sent, so only a recent created_at can be stale (an old one,
// which the client chooses, would select every link of the chain); and each candidate rebuilds and
// hashes the whole payload (a patch of up to the body limit), so the bytes hashed are capped.
const STALE_WINDOW_SECONDS = 120
const MAX_STALE_CHECK_BYTES = 4 * 1024 * 1024

/**
 * Tells a stale payload (signed with a head that has moved on) from a wrong signer. False — the
 * plain mismatch — when the check would cost too much to be worth it (see above).
 */
async function signedEarlierHead(tx: Queryable, request: KvUploadRequest): Promise<boolean> {
  if (request.createdAt < Date.now() / 1000 - STALE_WINDOW_SECONDS) return false
  const candidates = await findEarlierHeads(tx, request.avatarKey.id, request.createdAt)
  const [first, ...rest] = candidates
  if (first === undefined) return false
  // The payloads differ only in `previous` (a signature's base64, or null): the first one's size is theirs.
  const firstPayload = payloadWith(request, first)
  if (candidates.length * Buffer.byteLength(firstPayload) > MAX_STALE_CHECK_BYTES) return false
  return (
    isSignedBy(firstPayload, request.signature, request.avatarKey) ||
    rest.some((previous) => isSignedBy(payloadWith(request, previous), request.signature, request.avatarKey))
  )
}

class SignatureMismatch extends Error {}

function reusedUuid(uuid: string): HttpError {
  return new HttpError(400, `uuid ${uuid} was already used: request a new payload from POST /v1/kv/payload`)
}
