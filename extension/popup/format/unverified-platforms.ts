/**
 * The platforms this extension can bind that the configured service does not verify (it leaves them
 * out of /healthz, §4.3): listed under Add binding with the reason, rather than silently missing.
 */
import { type Platform, POST_PLATFORMS, WALLET_PLATFORMS } from '../../../src/platforms/index.js'

/** The bindable platforms missing from `offered`, in the registry's order. */
export function unverifiedPlatforms(offered: readonly { platform: string }[]): Platform[] {
  const listed = new Set(offered.map((entry) => entry.platform))
  return [...POST_PLATFORMS, ...WALLET_PLATFORMS].filter((platform) => !listed.has(platform))
}
