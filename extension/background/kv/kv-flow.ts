/**
 * KV in the background (§9): read every namespace of the current avatar, and write a merge patch
 * in two steps — prepare asks KVService for the payload and shows what changes; confirm signs that
 * exact string and submits it with createdAt echoed as the number received (§1.1).
 */
import { type AvatarKv, createKvServiceClient } from '../../../src/client/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requirePlainObject, requireString } from '../../../src/input.js'
import { applyMergePatch, diffMergePatch, type Platform, parsePlatform } from '../../../src/protocol/index.js'
import type { KvChange, KvNamespace, PreparedKvPatch, WholeContentEffect } from '../../messaging/catalogue.js'
import { NoChangeError } from '../errors.js'
import type { SigningFlowDeps } from '../proofs/revoke-flow.js'
import { signWithAvatar } from '../vault/sign-with-avatar.js'
import { requireKvPatch } from './kv-patch.js'
import { requestKvPayload } from './kv-payload-request.js'

export type KvFlow = ReturnType<typeof createKvFlow>

/** getKv / prepareKvPatch / confirmKvPatch over the current avatar. */
export function createKvFlow(deps: SigningFlowDeps) {
  const kvService = async () =>
    createKvServiceClient({ baseUrl: (await deps.settings.get()).endpoints.kvServiceUrl, fetch: deps.fetch })

  async function getKv(): Promise<KvNamespace[]> {
    return deps.session.track(async () => {
      const { record } = await deps.session.open()
      return toNamespaces(await (await kvService()).getKv(record.currentAvatarId))
    })
  }

  async function prepareKvPatch(params: unknown): Promise<PreparedKvPatch> {
    const input = requirePlainObject(params, 'params')
    const platform = parsePlatform(input.platform)
    // KVService matches the identity exactly as sent (§9.1), so it is not normalised here.
    const identity = requireString(input.identity, 'identity')
    if (identity.length === 0) throw new InvalidInputError('identity', 'expected a non-empty string')
    const patch = requireKvPatch(input.patch)
    return deps.session.track(async () => {
      const { record } = await deps.session.open()
      const avatar = record.currentAvatarId
      const client = await kvService()
      const current = currentContent(await client.getKv(avatar), platform, identity)
      const changes = diffMergePatch(current, applyMergePatch(current, patch)) as KvChange[]
      if (changes.length === 0) throw new NoChangeError()
      const { payload } = await requestKvPayload(client, { avatar, platform, identity, patch })
      const { uuid, createdAt, signPayload } = payload
      const requestId = await deps.requests.add({
        kind: 'kv-patch',
        avatar,
        platform,
        identity,
        patch,
        uuid,
        createdAt,
        signPayload,
      })
      return { requestId, signPayload, changes, wholeContent: wholeContentOf(patch) }
    })
  }

  async function confirmKvPatch(params: unknown): Promise<KvNamespace[]> {
    const { requestId, replaceWhole } = requirePlainObject(params, 'params')
    return deps.session.track(async (signal) => {
      const vault = await deps.session.open()
      const request = await deps.requests.get(requestId, 'kv-patch')
      // The popup asks twice before replacing or deleting everything; so does the API.
      if (wholeContentOf(request.patch) !== null && replaceWhole !== true) {
        throw new InvalidInputError('replaceWhole', 'must be true: the patch replaces the whole content')
      }
      // A lock in between stops the write before it is signed or submitted.
      signal.throwIfAborted()
      const signature = await signWithAvatar(vault, request.avatar, request.signPayload)
      const client = await kvService()
      signal.throwIfAborted()
      const stored = await client.submitKv({
        avatar: request.avatar,
        platform: request.platform as Platform,
        identity: request.identity,
        patch: request.patch,
        uuid: request.uuid,
        createdAt: request.createdAt,
        signature,
      })
      await deps.requests.remove(requestId)
      return toNamespaces(stored)
    })
  }

  return { getKv, prepareKvPatch, confirmKvPatch }
}

/** A patch that is not a JSON object replaces the whole content (§9.3); null deletes it. */
export function wholeContentOf(patch: unknown): WholeContentEffect {
  if (patch === null) return 'deletes'
  return typeof patch === 'object' && !Array.isArray(patch) ? null : 'replaces'
}

/** What the popup shows of GET /v1/kv (the Arweave id stays behind). */
export function toNamespaces(kv: AvatarKv): KvNamespace[] {
  return kv.proofs.map(({ platform, identity, content }) => ({ platform, identity, content }))
}

/** The namespace's content, or `{}` for one never written (the column's default, §9.3). */
function currentContent(kv: AvatarKv, platform: string, identity: string): unknown {
  const entry = kv.proofs.find((proof) => proof.platform === platform && proof.identity === identity)
  return entry ? entry.content : {}
}
