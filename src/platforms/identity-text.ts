/** Small text rules several platforms' identities share (§5.3). */

/**
 * Go's strings.ToLower, which the reference applies to most identities: each code point on its own
 * (simple case mapping), so U+0130 becomes `i` where String#toLowerCase writes `i̇`, and a lone
 * character never takes the final-sigma form.
 */
export function toLowerLikeGo(text: string): string {
  let lower = ''
  for (const char of text) lower += char === '\u0130' ? 'i' : char.toLowerCase()
  return lower
}

/** True when the text looks like a link someone pasted instead of a name. */
export function looksLikeLink(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/')
}

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/

/**
 * True for a DNS host name in ASCII (internationalised names in their xn-- form): at least two
 * labels, letters, digits and inner hyphens, a top-level label that is not a number.
 */
export function isDomainName(text: string): boolean {
  if (text.length > 253) return false
  const labels = text.toLowerCase().split('.')
  const last = labels[labels.length - 1] ?? ''
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL.test(last)
}
