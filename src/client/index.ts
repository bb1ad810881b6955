/** HTTP clients for Next.ID's ProofService and KVService (nextid-protocol.md §4, §9). */
export type { PublicKeyInput } from './client-input.js'
export { DEFAULT_TIMEOUT_MS, type FetchFunction, type HttpClientOptions } from './http.js'
export type { CreateKvPayloadParams, KvIdentityParams, SubmitKvParams } from './kv-requests.js'
export { createKvServiceClient, type KvServiceClient } from './kv-service.js'
export {
  type CreateProofPayloadParams,
  PROOF_SORTS,
  type ProofChainChangesParams,
  type ProofChainParams,
  type ProofExistsParams,
  type ProofQuery,
  type RestoreFromPostParams,
  type RestoreFromSignatureParams,
  type SubmitProofParams,
} from './proof-requests.js'
export { createProofServiceClient, type ProofServiceClient } from './proof-service.js'
export type * from './types.js'
