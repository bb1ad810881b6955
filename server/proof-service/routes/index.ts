/** Every ProofService endpoint, one module each (§4.2). Add new routes here. */
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'
import { healthzRoute } from './healthz.js'

export const PROOF_SERVICE_ROUTES: readonly Route<ProofServiceDeps>[] = [healthzRoute]
