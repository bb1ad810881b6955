/**
 * Typed client for every KVService endpoint (§9.1). Arguments are checked before any request;
 * answers are checked field by field (field-guards.ts).
 */
import { formatPublicKey, parsePublicKey } from '../crypto/index.js'
import type { PublicKeyInput } from './client-input.js'
import { createHttpClient, type HttpClientOptions } from './http.js'
import {
  buildKvIdentityQuery,
  buildKvPayloadBody,
  buildKvQuery,
  buildKvSubmitBody,
  type CreateKvPayloadParams,
  type KvIdentityParams,
  type SubmitKvParams,
} from './kv-requests.js'
import { readAvatarKv, readKvIdentityValues, readKvPayload, readKvServiceHealth } from './kv-responses.js'
import type { AvatarKv, KvIdentityValue, KvPayload, KvServiceHealth } from './types.js'

/** The KVService methods; see each request type for the arguments. */
export type KvServiceClient = {
  /** `GET /healthz`. */
  health(): Promise<KvServiceHealth>
  /** `GET /v1/kv`: everything an avatar stored; an unknown avatar has no entries. */
  getKv(avatar: PublicKeyInput): Promise<AvatarKv>
  /** `GET /v1/kv/by_identity`: what every avatar stored for one platform identity. */
  getKvByIdentity(params: KvIdentityParams): Promise<KvIdentityValue[]>
  /** `POST /v1/kv/payload`: the string to sign for a patch. */
  createKvPayload(params: CreateKvPayloadParams): Promise<KvPayload>
  /** `POST /v1/kv`: applies the signed patch; answers with the avatar's new KV. */
  submitKv(params: SubmitKvParams): Promise<AvatarKv>
}

/** Creates a KVService client; bad options throw InvalidInputError. */
export function createKvServiceClient(options: HttpClientOptions): KvServiceClient {
  const http = createHttpClient(options)
  return {
    health: () => http.send({ method: 'GET', path: '/healthz', parse: readKvServiceHealth }),
    getKv: async (avatar) => {
      const query = buildKvQuery(avatar)
      const [, key] = query[0] as [string, string]
      return http.send({
        method: 'GET',
        path: '/v1/kv',
        query,
        parse: readAvatarKv,
        // §12: the docs answer 404 for an avatar without KV, the code 200 with no proofs.
        onNotFound: () => ({ avatar: formatPublicKey(parsePublicKey(key), { compressed: false }), proofs: [] }),
      })
    },
    getKvByIdentity: async (params) =>
      http.send({
        method: 'GET',
        path: '/v1/kv/by_identity',
        query: buildKvIdentityQuery(params),
        parse: readKvIdentityValues,
      }),
    createKvPayload: async (params) =>
      http.send({ method: 'POST', path: '/v1/kv/payload', body: buildKvPayloadBody(params), parse: readKvPayload }),
    submitKv: async (params) =>
      http.send({ method: 'POST', path: '/v1/kv', body: buildKvSubmitBody(params), parse: readAvatarKv }),
  }
}
