/**
 * Runs in: unit tests. The proof and KV features wired as the composition root wires them
 * (proofs/proof-features.ts), over in-memory ports: no alarms (short retries run on timers), and
 * no web page reachable unless the test brings its pages.
 */

import { createKvFlow } from '../../../extension/background/kv/kv-flow.js'
import type { WalletPages } from '../../../extension/background/page-wallets/wallet-page.js'
import { NoWalletPageError } from '../../../extension/background/page-wallets/wallet-page-errors.js'
import { createProofFeatures } from '../../../extension/background/proofs/proof-features.js'
import type { AwaitingRequests } from '../../../extension/background/storage/awaiting-requests.js'
import type { SettingsStore } from '../../../extension/background/storage/settings.js'
import type { RecordStore } from '../../../extension/background/storage/storage-ports.js'
import type { VaultSession } from '../../../extension/background/vault/vault-session.js'
import type { BindingFlow } from '../../../extension/messaging/catalogue.js'
import type { FetchFunction } from '../../../src/client/index.js'

export type MemoryFeatureDeps = {
  session: VaultSession
  settings: SettingsStore
  requests: AwaitingRequests
  fetch: FetchFunction
  now: () => number
  /** Where flows are kept (storage.local in the extension). */
  store: RecordStore
  pages?: WalletPages
  retryDelaysMs?: readonly number[]
  onDone?: (flow: BindingFlow) => void
  clearedCheckMs?: number
}

/** Pages that no wallet request can reach. */
export const NO_PAGES: WalletPages = {
  openActive: async () => {
    throw new NoWalletPageError('no browser tabs here')
  },
  open: async () => {
    throw new NoWalletPageError('no browser tabs here')
  },
}

/** `proofs` and `kv` for createPopupHandlers. */
export function createMemoryFeatures(deps: MemoryFeatureDeps) {
  const proofs = createProofFeatures({ ...deps, pages: deps.pages ?? NO_PAGES, alarm: { set: async () => undefined } })
  return { proofs, kv: createKvFlow(deps) }
}
