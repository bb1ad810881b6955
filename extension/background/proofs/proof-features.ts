/**
 * Builds the proof features over one flow store: the flow engine (post, revoke-by-proof and wallet
 * submissions), the wallet steps that hand their signatures to it, and the prepared revoke. The
 * composition root (index.ts) calls it with the browser's ports; tests call it with in-memory ones,
 * so both wire the features the same way.
 */
import type { WalletPages } from '../page-wallets/wallet-page.js'
import { type BindingFlowDeps, createBindingFlows } from './binding-flows.js'
import { createRevokeFlow, type SigningFlowDeps } from './revoke-flow.js'
import { createWalletFlows } from './wallet-flows.js'

export type ProofFeatureDeps = BindingFlowDeps &
  SigningFlowDeps & {
    /** The wallets of web pages (the relay in the extension). */
    pages: WalletPages
    /** How often a waiting wallet request checks that its flow was not cleared (tests: shorter). */
    clearedCheckMs?: number
  }

export type ProofFeatures = ReturnType<typeof createProofFeatures>

/** The flow engine, the wallet flows feeding it, and the prepared revoke. */
export function createProofFeatures(deps: ProofFeatureDeps) {
  const flows = createBindingFlows(deps)
  const wallets = createWalletFlows({ ...deps, submit: flows.submitWalletFlow })
  const revoke = createRevokeFlow({ ...deps, flows })
  return { flows, wallets, revoke }
}
