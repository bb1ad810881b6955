/** Every KVService endpoint, one module each (§9.1). Add new routes here. */
import type { Route } from '../../service-deps.js'
import type { KvServiceDeps } from '../app.js'
import { getKvRoute } from './get-kv.js'
import { getKvByIdentityRoute } from './get-kv-by-identity.js'
import { healthzRoute } from './healthz.js'
import { postKvRoute } from './post-kv.js'
import { postKvPayloadRoute } from './post-kv-payload.js'

export const KV_SERVICE_ROUTES: readonly Route<KvServiceDeps>[] = [
  healthzRoute,
  getKvRoute,
  getKvByIdentityRoute,
  postKvPayloadRoute,
  postKvRoute,
]
