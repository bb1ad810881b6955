/**
 * The manifest the build hands to crxjs (vite.config.ts): manifest.json, with the `matches` of the
 * page-helper content scripts built from the platform registry (src/platforms: each helper
 * platform's `post.helperOrigins` + `/*`), the same origins the background accepts helper
 * messages from (extension/messaging/sender-check.ts). manifest.json keeps a placeholder there.
 */

import type { HelperPlatform } from '../extension/messaging/sender-check.js'
import baseManifest from '../manifest.json' with { type: 'json' }
import { postFacts } from '../src/platforms/index.js'

/** The content script of each helper platform, as manifest.json names it in `js`. */
export const HELPER_SCRIPTS = {
  twitter: 'extension/content/x-helper.iife.ts',
  github: 'extension/content/gist-helper.iife.ts',
} as const satisfies Record<HelperPlatform, string>

/** What the helper matches stand in for in manifest.json (a valid pattern that matches nothing). */
export const PLACEHOLDER_MATCH = 'https://helper-origins-from-the-platform-registry.invalid/*'

type ContentScript = { matches: string[]; js: string[] }

/** The match patterns of a helper platform's content script: its registry origins, every path. */
export function helperMatches(platform: HelperPlatform): string[] {
  return postFacts(platform).helperOrigins.map((origin) => `${origin}/*`)
}

/**
 * `manifest` with each helper script's `matches` replaced by its registry origins. Throws when a
 * helper script is missing from the manifest, or listed twice, so a renamed script fails the build.
 */
export function withHelperMatches<M extends { content_scripts: readonly ContentScript[] }>(manifest: M): M {
  const helpers = Object.entries(HELPER_SCRIPTS) as [HelperPlatform, string][]
  for (const [, script] of helpers) {
    const found = manifest.content_scripts.filter((entry) => entry.js.includes(script)).length
    if (found !== 1) throw new Error(`manifest.json must list ${script} in exactly one content script, found ${found}`)
  }
  const platformOf = (entry: ContentScript) => helpers.find(([, script]) => entry.js.includes(script))?.[0]
  return {
    ...manifest,
    content_scripts: manifest.content_scripts.map((entry) => {
      const platform = platformOf(entry)
      return platform === undefined ? entry : { ...entry, matches: helperMatches(platform) }
    }),
  }
}

/** The manifest the Chromium build uses (dist/). */
export const manifest = withHelperMatches(baseManifest)

/** The add-on id Firefox keys the extension's storage by (fixed, so an update keeps the vault). */
export const FIREFOX_ADDON_ID = '@nextid-companion'

/**
 * What the extension sends to the ProofService and KVService the user configures (Firefox's data
 * consent categories): the account names, domains and wallet addresses bound to the avatar
 * (personally identifying), and the avatar's public key with the signatures that prove control of
 * those accounts (authentication). PRIVACY.md says the same in words.
 */
const COLLECTED_DATA: ('personallyIdentifyingInfo' | 'authenticationInfo')[] = [
  'personallyIdentifyingInfo',
  'authenticationInfo',
]

/**
 * The manifest of the Firefox build (dist-firefox/, vite.config.firefox.ts): the same bundle, with
 * the background as an ES-module event page (Firefox has no extension service workers), the gecko
 * settings Firefox requires, and the Chrome-only keys left out. PRIVACY.md explains the
 * data-collection declaration.
 */
export function firefoxManifest(chromium: typeof manifest) {
  const { key: _key, minimum_chrome_version: _minimum, background, ...shared } = chromium
  return {
    ...shared,
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        // 140: the first release with data_collection_permissions (world: "MAIN" needs 128).
        strict_min_version: '140.0',
        data_collection_permissions: {
          required: COLLECTED_DATA,
        },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  }
}
