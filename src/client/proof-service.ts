/**
 * Typed client for every ProofService endpoint except subkeys (§4.3–§4.10). Arguments are checked
 * before any request; answers are checked field by field (field-guards.ts).
 */

import { requireAvatarId } from './client-input.js'
import { followPages } from './follow-pages.js'
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http.js'
import {
  buildProofChainChangesQuery,
  buildProofChainQuery,
  buildProofExistsQuery,
  buildProofPayloadBody,
  buildProofQuery,
  buildProofSubmitBody,
  buildRestoreBody,
  type CreateProofPayloadParams,
  type ProofChainChangesParams,
  type ProofChainParams,
  type ProofExistsParams,
  type ProofQuery,
  type RestoreFromPostParams,
  type RestoreFromSignatureParams,
  type SubmitProofParams,
} from './proof-requests.js'
import {
  readProofChainChanges,
  readProofChainPage,
  readProofExistence,
  readProofPayload,
  readProofQueryPage,
  readProofServiceHealth,
  readProofSubmitted,
  readRestoredPublicKey,
} from './proof-responses.js'
import type {
  AvatarBindings,
  ProofChainChange,
  ProofChainLink,
  ProofChainPage,
  ProofExistence,
  ProofPayload,
  ProofQueryPage,
  ProofServiceHealth,
} from './types.js'

/** The ProofService methods; see each request type for the arguments. */
export type ProofServiceClient = {
  /** `GET /healthz`. */
  health(): Promise<ProofServiceHealth>
  /** `POST /v1/proof/payload`: the string to sign and the post texts. */
  createPayload(params: CreateProofPayloadParams): Promise<ProofPayload>
  /** `POST /v1/proof`: appends a create or delete link to the avatar's chain. */
  submitProof(params: SubmitProofParams): Promise<void>
  /** `GET /v1/proof`: one page of avatars whose bindings match. */
  queryProofs(query: ProofQuery): Promise<ProofQueryPage>
  /** All bindings of one avatar (`platform=nextid`, §10), or null when it has none. */
  queryAvatarBindings(avatar: string | Uint8Array): Promise<AvatarBindings | null>
  /** `GET /v1/proof/exists`: the binding's state, or null on 404. */
  proofExists(params: ProofExistsParams): Promise<ProofExistence | null>
  /** `GET /v1/proofchain`: one page of an avatar's chain. */
  getProofChain(params: ProofChainParams): Promise<ProofChainPage>
  /** `GET /v1/proofchain/changes`: links of all avatars after `lastId`, by id ascending. */
  getProofChainChanges(params: ProofChainChangesParams): Promise<ProofChainChange[]>
  /** `POST /v1/proof/restore_pubkey`: the avatar (`0x` + compressed) that signed a proof. */
  restorePublicKey(params: RestoreFromSignatureParams | RestoreFromPostParams): Promise<string>
  /** Every avatar matching `query`, across pages from `query.page` (default 1); each avatar once. */
  iterateProofs(query: ProofQuery): AsyncGenerator<AvatarBindings, void, undefined>
  /** Every link of an avatar's chain, across pages. */
  iterateProofChain(avatar: string | Uint8Array): AsyncGenerator<ProofChainLink, void, undefined>
}

/** Creates a ProofService client; bad options throw InvalidInputError. */
export function createProofServiceClient(options: HttpClientOptions): ProofServiceClient {
  const http = createHttpClient(options)

  const queryProofs = (query: ProofQuery) =>
    http.send({ method: 'GET', path: '/v1/proof', query: buildProofQuery(query), parse: readProofQueryPage })

  return {
    health: () => http.send({ method: 'GET', path: '/healthz', parse: readProofServiceHealth }),
    createPayload: async (params) =>
      http.send({
        method: 'POST',
        path: '/v1/proof/payload',
        body: buildProofPayloadBody(params),
        parse: readProofPayload,
      }),
    submitProof: async (params) =>
      http.send({ method: 'POST', path: '/v1/proof', body: buildProofSubmitBody(params), parse: readProofSubmitted }),
    queryProofs: async (query) => queryProofs(query),
    queryAvatarBindings: async (avatar) => {
      const id = requireAvatarId(avatar, 'avatar')
      const page = await queryProofs({ platform: 'nextid', identity: id })
      return page.ids.find((entry) => entry.avatar === id) ?? null
    },
    proofExists: async (params) =>
      http.send<ProofExistence | null>({
        method: 'GET',
        path: '/v1/proof/exists',
        query: buildProofExistsQuery(params),
        parse: readProofExistence,
        onNotFound: () => null, // §4.7: 404 "Record not found for …"
      }),
    getProofChain: async (params) =>
      http.send({
        method: 'GET',
        path: '/v1/proofchain',
        query: buildProofChainQuery(params),
        parse: readProofChainPage,
      }),
    getProofChainChanges: async (params) =>
      http.send({
        method: 'GET',
        path: '/v1/proofchain/changes',
        query: buildProofChainChangesQuery(params),
        parse: readProofChainChanges,
      }),
    restorePublicKey: async (params) =>
      http.send({
        method: 'POST',
        path: '/v1/proof/restore_pubkey',
        body: buildRestoreBody(params),
        parse: readRestoredPublicKey,
      }),
    iterateProofs: (query) => iterateProofs(http, query),
    iterateProofChain: (avatar) => iterateProofChain(http, avatar),
  }
}

/**
 * Checks the query at once (not on the first `next()`), then walks the pages. Pages count proof
 * rows, not avatars (§4.6), so an avatar with many bindings can come back on several pages.
 */
function iterateProofs(http: HttpClient, query: ProofQuery): AsyncGenerator<AvatarBindings, void, undefined> {
  buildProofQuery(query)
  const seen = new Set<string>()
  const pages = followPages(async (page) => {
    const pageQuery = buildProofQuery({ ...query, page })
    const { pagination, ids } = await http.send({
      method: 'GET',
      path: '/v1/proof',
      query: pageQuery,
      parse: readProofQueryPage,
    })
    return { pagination, items: ids, url: http.urlOf('/v1/proof', pageQuery) }
  }, query.page ?? 1)
  return (async function* () {
    for await (const entry of pages) {
      if (seen.has(entry.avatar)) continue
      seen.add(entry.avatar)
      yield entry
    }
  })()
}

/** Checks the avatar at once, then walks the chain's pages (§4.8). */
function iterateProofChain(
  http: HttpClient,
  avatar: string | Uint8Array,
): AsyncGenerator<ProofChainLink, void, undefined> {
  const id = requireAvatarId(avatar, 'avatar')
  return followPages(async (page) => {
    const query = buildProofChainQuery({ avatar: id, page })
    const { pagination, proofChain } = await http.send({
      method: 'GET',
      path: '/v1/proofchain',
      query,
      parse: readProofChainPage,
    })
    return { pagination, items: proofChain, url: http.urlOf('/v1/proofchain', query) }
  }, 1)
}
