/** GET /healthz (§4.3): the reference's shape, with a stable sorted platform list (§15 #27). */
import type { Route } from '../../service-deps.js'
import type { ProofServiceDeps } from '../app.js'

export const healthzRoute: Route<ProofServiceDeps> = (app, { config, build, platforms }) => {
  app.get('/healthz', (c) =>
    c.json({
      hello: 'proof service',
      runtime: 'standalone',
      platforms: [...platforms].sort(),
      environment: config.environment,
      revision: build.revision,
      built_at: build.builtAt,
    }),
  )
}
