/**
 * nextid_kvGet / nextid_kvSet. A site writes only into its own corner of the avatar's `nextid`
 * namespace: the patch `{ "<origin>": patch }` (§9.3), the origin from the browser's sender.
 */
import { createKvServiceClient, type FetchFunction, type JsonValue } from '../../../src/client/index.js'
import { avatarId } from '../../../src/crypto/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requirePlainObject, requireString } from '../../../src/input.js'
import { applyMergePatch, diffMergePatch } from '../../../src/protocol/index.js'
import type { KvChange } from '../../messaging/catalogue.js'
import { PayloadMismatchError } from '../errors.js'
import { requireKvPatch } from '../kv/kv-patch.js'
import { requestKvPayload } from '../kv/kv-payload-request.js'

/** What a site may read: any avatar, any origin's corner (KV is public, §9.1). */
export type KvGetRequest = { avatar?: string; namespace?: string }

/** Checks nextid_kvGet's params `{ avatar?, namespace? }`. */
export function parseKvGetRequest(params: unknown): KvGetRequest {
  const input = params === undefined ? {} : requirePlainObject(params, 'params')
  const request: KvGetRequest = {}
  if (input.avatar !== undefined) request.avatar = avatarId(input.avatar, 'avatar')
  if (input.namespace !== undefined) {
    const namespace = requireString(input.namespace, 'namespace')
    if (namespace.length === 0 || namespace.length > 256)
      throw new InvalidInputError('namespace', 'expected 1 to 256 characters')
    request.namespace = namespace
  }
  return request
}

/** Checks nextid_kvSet's params `{ patch }`: plain JSON, no "__proto__". */
export function parseKvSetRequest(params: unknown): { patch: JsonValue } {
  return { patch: requireKvPatch(requirePlainObject(params, 'params').patch) }
}

/** The KV operations for one configured KVService. */
export function createDappKv(kvServiceUrl: string, fetch: FetchFunction) {
  const client = createKvServiceClient({ baseUrl: kvServiceUrl, fetch })

  /** The avatar's `nextid` namespace content (`{}` when never written). */
  async function readNamespace(avatar: string): Promise<unknown> {
    const kv = await client.getKv(avatar)
    const entry = kv.proofs.find((proof) => proof.platform === 'nextid' && proof.identity === avatar)
    return entry ? entry.content : {}
  }

  return {
    /** The `namespace` key of the avatar's `nextid` namespace, or null. */
    async get(avatar: string, namespace: string): Promise<unknown> {
      const content = await readNamespace(avatar)
      if (typeof content !== 'object' || content === null || Array.isArray(content)) return null
      return Object.hasOwn(content, namespace) ? (content as Record<string, unknown>)[namespace] : null
    },
    /** What writing `patch` under `origin` changes, for the approval. */
    async diff(avatar: string, origin: string, patch: JsonValue): Promise<KvChange[]> {
      const current = await readNamespace(avatar)
      return diffMergePatch(current, applyMergePatch(current, { [origin]: patch })) as KvChange[]
    },
    /**
     * Asks KVService for the payload, checks it writes only `origin`, signs it with `sign` and
     * submits — unless `signal` is aborted (a lock) before the signing or before the submission.
     */
    async write(
      avatar: string,
      origin: string,
      patch: JsonValue,
      sign: (payload: string) => Promise<Uint8Array>,
      signal?: AbortSignal,
    ) {
      const full = { [origin]: patch }
      const request = { avatar, platform: 'nextid' as const, identity: avatar, patch: full }
      const { payload, description } = await requestKvPayload(client, request)
      const keys = [...description.sets, ...description.deletes]
      // Within the avatar's namespace, it must write this origin's key and nothing else.
      if (description.replacesAll || keys.length !== 1 || keys[0] !== origin) throw new PayloadMismatchError()
      signal?.throwIfAborted()
      const signature = await sign(payload.signPayload)
      signal?.throwIfAborted()
      await client.submitKv({
        avatar,
        platform: 'nextid',
        identity: avatar,
        patch: full,
        uuid: payload.uuid,
        createdAt: payload.createdAt,
        signature,
      })
    },
  }
}
