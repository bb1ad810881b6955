/**
 * The origins the operator named in the platform settings, trusted exactly as written. A URL
 * template whose host holds the placeholder (`https://{server}`, `https://{username}.keybase.pub`)
 * names no fixed origin: the host comes from a request, so it is never trusted.
 */
import type { PlatformConfig } from '../config.js'

const PLACEHOLDER = /\{[a-z]+\}/g
const PROBE = 'placeholder-probe'

/** Every fixed origin among the platform base URLs and templates. */
export function trustedOriginsOf(platforms: PlatformConfig): string[] {
  const urls = Object.values(platforms).flatMap((settings) =>
    Object.values(settings).filter((value): value is string => typeof value === 'string' && /^https?:/.test(value)),
  )
  const origins = urls.flatMap((url) => {
    const probe = new URL(url.replace(PLACEHOLDER, PROBE))
    return probe.host.includes(PROBE) ? [] : [probe.origin]
  })
  return [...new Set(origins)]
}
