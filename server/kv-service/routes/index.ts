/** Every KVService endpoint, one module each (§9.1). Add new routes here. */
import type { Route } from '../../service-deps.js'
import type { KvServiceDeps } from '../app.js'
import { healthzRoute } from './healthz.js'

export const KV_SERVICE_ROUTES: readonly Route<KvServiceDeps>[] = [healthzRoute]
