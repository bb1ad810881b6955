/** GET /healthz (§4.3): the reference's shape, listing the configured platforms sorted (§15 #23, #27). */
import type { Route } from '../../service-deps.js'
import { configuredPlatforms, type ProofServiceDeps } from '../app.js'

export const healthzRoute: Route<ProofServiceDeps> = (app, { config, build, validators }) => {
  app.get('/healthz', (c) =>
    c.json({
      hello: 'proof service',
      runtime: 'standalone',
      platforms: configuredPlatforms(validators),
      environment: config.environment,
      revision: build.revision,
      built_at: build.builtAt,
    }),
  )
}
