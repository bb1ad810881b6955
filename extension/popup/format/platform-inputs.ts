/**
 * What the "Add binding" screen asks for per platform, read from the platform registry
 * (src/platforms): an example identity (the form the ProofService expects, §6.1), the post
 * languages its templates have (§6.2), and whether a helper content script captures the proof
 * location by itself (issue 5).
 */
import { isPlatform, type PlatformSpec, platformSpec } from '../../../src/platforms/index.js'

function specOf(platform: string): PlatformSpec | undefined {
  return isPlatform(platform) ? platformSpec(platform) : undefined
}

/** An example identity for the platform's input (the registry's `identity.example`), or '' when there is none. */
export function identityExample(platform: string): string {
  return specOf(platform)?.identity.example ?? ''
}

/**
 * The post languages the user may choose between, from the registry's `post.languages`: none when
 * the templates have only `default`; otherwise `en` first (no template key, so the English
 * `default` text), then the other languages' keys in `_` form (`zh-CN` → `zh_CN`), which
 * choosePostContent resolves in either form. X: `en`, `zh_CN`.
 */
export function postLanguages(platform: string): string[] {
  const languages = specOf(platform)?.post?.languages ?? []
  if (languages.length === 0) return []
  const others = languages.map((key) => key.replaceAll('-', '_')).filter((key) => !/^en(?:_|$)/.test(key))
  return ['en', ...new Set(others)]
}

/**
 * The product name of the site whose helper fills in the proof location by itself (a post platform
 * with `post.helperOrigins`), or undefined (the user pastes it).
 */
export function helperSite(platform: string): string | undefined {
  const spec = specOf(platform)
  return spec?.post && spec.post.helperOrigins.length > 0 ? spec.name : undefined
}

/**
 * The match patterns of the pages where the platform's helper runs (`post.helperOrigins` + `/*`,
 * the manifest's content-script matches), or none: the site access the flow needs.
 */
export function helperSitePatterns(platform: string): string[] {
  return (specOf(platform)?.post?.helperOrigins ?? []).map((origin) => `${origin}/*`)
}
