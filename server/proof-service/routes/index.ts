/** Every ProofService endpoint, one module each (§4.2). Add new routes here. */
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { healthzRoute } from './healthz.js'
import { proofChainRoute } from './proof-chain.js'
import { proofChainChangesRoute } from './proof-chain-changes.js'
import { proofExistsRoute } from './proof-exists.js'
import { proofPayloadRoute } from './proof-payload.js'
import { proofQueryRoute } from './proof-query.js'
import { proofRestorePubkeyRoute } from './proof-restore-pubkey.js'
import { proofUploadRoute } from './proof-upload.js'

export const PROOF_SERVICE_ROUTES: readonly Route<ProofServiceDeps>[] = [
  healthzRoute,
  proofPayloadRoute,
  proofUploadRoute,
  proofQueryRoute,
  proofExistsRoute,
  proofChainRoute,
  proofChainChangesRoute,
  proofRestorePubkeyRoute,
]
