/** GET /healthz (§9.1): `{"hello":"kv server","build_at":…,"commit_version":…}`. */
import type { Route } from '../../service-deps.js'
import type { KvServiceDeps } from '../app.js'

export const healthzRoute: Route<KvServiceDeps> = (app, { build }) => {
  app.get('/healthz', (c) => c.json({ hello: 'kv server', build_at: build.builtAt, commit_version: build.revision }))
}
