/**
 * The local services of a binding spec: a ProofService on PGlite with the platform simulator,
 * started before each test and stopped after it, and the avatar import that points the
 * extension at them.
 */
import type { Page } from '@playwright/test'
import type { ServerHandles } from '../server/start-server.js'
import { startReferenceDouble } from '../test/support/reference-double.js'
import {
  type LocalServiceHandles,
  type LocalServices,
  lazyHandles,
  startLocalServices,
} from '../test/support/start-local-services.js'
import { test } from './fixtures.js'
import { ok } from './vault-helpers.js'

/** The KV service is off in these specs; settings still need a URL for it. */
export const UNUSED_KV_URL = 'http://127.0.0.1:8788'

/**
 * Registers the calling spec's beforeEach/afterEach: fresh services for every test. Keep the returned
 * object and read `.server` / `.simulator` inside tests (destructured at module level they throw).
 */
export function localServicesPerTest(): LocalServiceHandles {
  let running: LocalServices | undefined
  test.beforeEach(async () => {
    running = await startLocalServices()
  })
  test.afterEach(async () => {
    await running?.stop()
    running = undefined
  })
  return lazyHandles(() => running)
}

/** Imports the avatar through the popup API and points the settings at `server`'s ProofService. */
export async function importAvatarUsing(
  page: Page,
  server: ServerHandles,
  avatar: { privateKey: string; name: string; password: string },
): Promise<void> {
  await ok(page, 'importPrivateKey', avatar)
  await ok(page, 'updateSettings', {
    endpoints: { proofServiceUrl: server.proofServiceUrl, kvServiceUrl: UNUSED_KV_URL },
  })
}

/**
 * Runs `use` with a reference-behaviour double (Next.ID's own status codes and words) in front of
 * `server`'s ProofService, and stops it afterwards.
 */
export async function withReferenceDouble(server: ServerHandles, use: (proofServiceUrl: string) => Promise<void>) {
  const upstreamUrl = server.proofServiceUrl
  if (upstreamUrl === null) throw new Error('the local ProofService is not running')
  const double = await startReferenceDouble({ upstreamUrl })
  try {
    await use(double.url)
  } finally {
    await double.close()
  }
}
