/**
 * The protocol's view of the platform registry (src/platforms/): names, and how each platform's
 * identity is written into sign payloads (§5.3). We normalise identically at /payload and /proof
 * (§15 #12) and keep case only where the platform is case-sensitive (§15 #13).
 */
import { PLATFORM_SPECS, type Platform } from '../platforms/index.js'

export {
  isRegisteredPlatform,
  normalizeIdentity,
  PLATFORMS,
  type Platform,
  parsePlatform,
  REGISTERED_PLATFORMS,
} from '../platforms/index.js'

/** What a binding on each platform is called in payload descriptions. */
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = Object.fromEntries(
  Object.values(PLATFORM_SPECS).map((spec) => [spec.id, spec.bindingLabel]),
) as Record<Platform, string>
