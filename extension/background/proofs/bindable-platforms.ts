/**
 * The platforms the user can start a binding for: those the configured ProofService verifies
 * (GET /healthz `platforms`, §4.3) that this extension has a flow for — a published proof on the
 * post platforms, a wallet's signature on Ethereum and Solana (issue 5).
 */
import { createProofServiceClient, type FetchFunction } from '../../../src/client/index.js'
import { PLATFORM_SPECS, type Platform, POST_PLATFORMS, WALLET_PLATFORMS } from '../../../src/platforms/index.js'
import type { BindablePlatform } from '../../messaging/catalogue.js'

const FIRST: readonly Platform[] = ['twitter', 'github', ...WALLET_PLATFORMS]
/** The picker's order: the common ones first, then the other post platforms in the registry's order. */
const ORDER: readonly Platform[] = [...FIRST, ...POST_PLATFORMS.filter((platform) => !FIRST.includes(platform))]

/** The bindable subset of `listed`, each once, in the picker's order (the reference's order is random, §4.3). */
export function bindablePlatforms(listed: readonly string[]): BindablePlatform[] {
  const offered = new Set(listed)
  return ORDER.filter((platform) => offered.has(platform)).map((platform) => ({
    platform,
    kind: PLATFORM_SPECS[platform].kind === 'wallet' ? 'wallet' : 'post',
  }))
}

/** Asks the ProofService at `baseUrl` what it verifies; NETWORK_ERROR / TIMEOUT when it cannot be reached. */
export async function fetchBindablePlatforms(baseUrl: string, fetch: FetchFunction): Promise<BindablePlatform[]> {
  const health = await createProofServiceClient({ baseUrl, fetch }).health()
  return bindablePlatforms(health.platforms)
}
