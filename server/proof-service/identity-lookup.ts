/**
 * How searched identities are compared with stored ones (§7.4, §15 #13): lowercased only for the
 * platforms whose identities are stored lowercased; matched exactly where case matters.
 */

/** Platforms that keep the identity's case when storing it (§5.3). */
export const CASE_SENSITIVE_PLATFORMS: readonly string[] = ['discord', 'solana', 'activitypub', 'nextid']

/** The form of a searched identity that can match stored identities of `platform`. */
export function lookupForm(platform: string, identity: string): string {
  return CASE_SENSITIVE_PLATFORMS.includes(platform) ? identity : toLowerLikeGo(identity)
}

/** Go's strings.ToLower, code point by code point (U+0130 → `i`), as identities were stored. */
export function toLowerLikeGo(text: string): string {
  let lower = ''
  for (const char of text) lower += char === '\u0130' ? 'i' : char.toLowerCase()
  return lower
}
