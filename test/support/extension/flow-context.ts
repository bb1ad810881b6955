/**
 * Runs in: Vitest only (not imported by the extension). The setup the flow handler tests share: a
 * real local ProofService on PGlite whose validators read the e2e platform simulator, and a
 * service worker's background over in-memory storage (vault session, flow engine, popup handlers)
 * with an avatar imported and pointed at that service.
 */
import { afterAll, beforeAll } from 'vitest'
import { createPopupHandlers } from '../../../extension/background/api/popup-handlers.js'
import { createSitePermissions } from '../../../extension/background/dapp/site-permissions.js'
import type { WalletPages } from '../../../extension/background/page-wallets/wallet-page.js'
import { createAwaitingRequests } from '../../../extension/background/storage/awaiting-requests.js'
import { createSettingsStore } from '../../../extension/background/storage/settings.js'
import { createMemoryStore } from '../../../extension/background/storage/storage-ports.js'
import { createAvatarVault } from '../../../extension/background/vault/avatar-vault.js'
import { createBackupFlow } from '../../../extension/background/vault/backup-flow.js'
import { createPhraseDrafts } from '../../../extension/background/vault/phrase-drafts.js'
import { createVaultSession } from '../../../extension/background/vault/vault-session.js'
import type { BindingFlow } from '../../../extension/messaging/catalogue.js'
import type { ServerHandles } from '../../../server/start-server.js'
import type { FetchFunction } from '../../../src/client/index.js'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import {
  type LocalServiceHandles,
  type LocalServices,
  lazyHandles,
  startLocalServices,
} from '../start-local-services.js'
import { createMemoryFeatures } from './memory-features.js'
import { createMemoryMaskImport } from './memory-mask-import.js'

export const TEST_AVATAR_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const PASSWORD = 'correct horse battery staple'
const vaultOptions = { iterations: MIN_PBKDF2_ITERATIONS }
const realFetch: FetchFunction = (input, init) => fetch(input, init)

/**
 * Registers the calling file's beforeAll/afterAll: one server and simulator for all its tests.
 * Keep the returned object and read `.server` / `.simulator` inside tests and hooks.
 */
export function localServicesPerFile(): LocalServiceHandles {
  let running: LocalServices | undefined
  beforeAll(async () => {
    running = await startLocalServices()
  }, 60_000) // PGlite's first open of a new data folder takes seconds, more on a busy 2-core machine
  afterAll(async () => {
    await running?.stop()
    running = undefined
  })
  return lazyHandles(() => running)
}

/** storage.records, storage.session and storage.local of one browser profile. */
export type BackgroundStores = ReturnType<typeof createBackgroundStores>

export function createBackgroundStores() {
  return { records: createMemoryStore(), session: createMemoryStore(), local: createMemoryStore() }
}

export type BackgroundOptions = {
  server: ServerHandles
  /** What both the flow engine and the popup handlers fetch with (default: the real fetch). */
  fetch?: FetchFunction
  /** Storage of an earlier worker, to boot the one that follows a restart (default: empty). */
  stores?: BackgroundStores
  /** The avatar imported into empty storage (an existing vault is unlocked instead). */
  privateKey?: string
  retryDelaysMs?: readonly number[]
  /** The background's clock (default Date.now): tests move it to days later without waiting. */
  now?: () => number
  /** The flow engine's onDone. */
  onDone?: (flow: BindingFlow) => void
  /** The pages with wallets (without them no page can be reached), and how often a wallet wait checks for a cleared flow. */
  wallet?: { pages: WalletPages; clearedCheckMs?: number }
}

/** One service worker's background: its avatar unlocked and pointed at `server`. */
export async function bootBackground(options: BackgroundOptions) {
  const stores = options.stores ?? createBackgroundStores()
  const fetch = options.fetch ?? realFetch
  const now = options.now ?? (() => Date.now())
  // Settings and site permissions share the vault's store, as in the extension (background/index.ts).
  const settings = createSettingsStore(stores.records)
  const permissions = createSitePermissions(stores.records)
  const alarm = { set: async () => {}, clear: async () => {} }
  const session = createVaultSession({ ...stores, settings, alarm, now, vaultOptions })
  const deps = { records: stores.records, now, vaultOptions }
  const requests = createAwaitingRequests(stores.session, now)
  const features = createMemoryFeatures({
    session,
    settings,
    requests,
    store: stores.local,
    fetch,
    now,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.onDone ? { onDone: options.onDone } : {}),
    ...(options.wallet ? options.wallet : {}),
  })
  void features.proofs.wallets.resume().catch(() => undefined)
  const avatars = createAvatarVault(session, deps)
  const api = createPopupHandlers({
    version: '0',
    startedAt: now(),
    session,
    avatars,
    backup: createBackupFlow(session, avatars, { ...deps, settings, permissions }),
    drafts: createPhraseDrafts(stores.session, now),
    settings,
    requests,
    fetch,
    now,
    ...features,
    mask: createMemoryMaskImport({ session, settings, fetch, now, stores, vaultOptions }).mask,
  })
  const state = await api.getState(undefined)
  if (state.status === 'empty') {
    await api.updateSettings({
      endpoints: { proofServiceUrl: options.server.proofServiceUrl ?? '', kvServiceUrl: 'http://127.0.0.1:1' },
    })
    await api.importPrivateKey({ privateKey: options.privateKey ?? TEST_AVATAR_KEY, name: 'Key', password: PASSWORD })
  } else if (state.status === 'locked') {
    await api.unlock({ password: PASSWORD })
  }
  return { api, flows: features.proofs.flows, stores }
}

/** The popup handlers of a booted background. */
export type PopupHandlers = Awaited<ReturnType<typeof bootBackground>>['api']

/** Polls the flow (for about 5 s) until `reached` holds: for the steps that move on by themselves. */
export async function waitForFlow(
  api: PopupHandlers,
  flowId: string,
  reached: (flow: BindingFlow) => boolean,
  what: string,
): Promise<BindingFlow> {
  for (let i = 0; i < 200; i++) {
    const flow = (await api.getFlows(undefined)).find((entry) => entry.id === flowId)
    if (flow && reached(flow)) return flow
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`flow ${flowId} never ${what}`)
}
