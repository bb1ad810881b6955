/**
 * Who may call an API is decided from what the browser says about the sender, never from the
 * message. Kept free of browser globals so the rule itself is unit-tested.
 */
import { type PLATFORM_SPECS, POST_PLATFORMS, type PostPlatform, postFacts } from '../../src/platforms/index.js'

/** The fields of a runtime.MessageSender the check reads. */
export type SenderFacts = { id?: string; url?: string; origin?: string }

/** This extension's own id and origin (`chrome-extension://<id>`). */
export type OwnExtension = { id: string; origin: string }

/**
 * True only for pages of this extension (popup, full tab, approval window). A content script of
 * this extension has the same `id` but the web page's URL, so it is refused.
 */
export function isOwnExtensionPage(sender: SenderFacts, own: OwnExtension): boolean {
  if (sender.id !== own.id || sender.url === undefined) return false
  const origin = originOf(sender.url)
  return origin === own.origin && (sender.origin === undefined || sender.origin === own.origin)
}

/**
 * scheme://host of a URL. Not `URL.origin`: outside a browser a `chrome-extension:` URL has the
 * opaque origin "null", which would make every extension page look alike.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return undefined
  }
}

type Specs = typeof PLATFORM_SPECS

/**
 * The platforms whose sites run a proof-post helper content script: the post platforms whose
 * registry spec lists `post.helperOrigins` ('twitter' | 'github').
 */
export type HelperPlatform = {
  [Id in PostPlatform]: Specs[Id]['post']['helperOrigins'] extends readonly [] ? never : Id
}[PostPlatform]

/** The helper platforms, in registry order. */
export const HELPER_PLATFORMS = POST_PLATFORMS.filter(
  (platform) => postFacts(platform).helperOrigins.length > 0,
) as readonly HelperPlatform[]

/**
 * The sites the helpers run on, by exact origin (https only, no subdomains beyond these): every
 * helper platform's `post.helperOrigins` in the registry. The manifest's content-script matches
 * are built from the same lists (scripts/manifest.ts).
 */
const HELPER_SITES: ReadonlyMap<string, HelperPlatform> = new Map(
  HELPER_PLATFORMS.flatMap((platform) =>
    postFacts(platform).helperOrigins.map((origin) => [origin, platform] as const),
  ),
)

/** What the page-helper rule reads besides SenderFacts: a content script has a tab and a frame. */
export type ContentScriptFacts = SenderFacts & { tab?: unknown; frameId?: number }

/**
 * The platform of a helper content script of THIS extension, from the page URL the browser
 * reports: only the top frame of a tab on one of the helper sites. Everything else (extension
 * pages, other sites, iframes, other extensions) gets undefined and is refused.
 */
export function helperPlatformOf(sender: ContentScriptFacts, own: OwnExtension): HelperPlatform | undefined {
  if (sender.id !== own.id || sender.url === undefined) return undefined
  if (sender.tab === undefined || sender.tab === null || sender.frameId !== 0) return undefined
  const origin = originOf(sender.url)
  if (origin === undefined) return undefined
  const platform = HELPER_SITES.get(origin)
  if (platform === undefined) return undefined
  if (sender.origin !== undefined && sender.origin !== origin) return undefined
  return platform
}
