/** Reading a proof location (an id) from what the user pastes: the id itself or a link to it (§6.1). */
import { InvalidInputError } from '../errors.js'

/** An https URL, or undefined. */
export function parseHttpsUrl(text: string): URL | undefined {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}

export type IdFromLink = {
  /** A bare id. */
  id: RegExp
  /** Hosts the link may be on; undefined for any host (fediverse servers). */
  hosts: readonly string[] | undefined
  /** Matches the link's path (trailing slash dropped); group 1 is the id. */
  path: RegExp
  /** What was expected, for the error. */
  what: string
}

/** The id from a bare id or an https link on one of the hosts whose path gives it. */
export function idFromLink(text: string, field: string, rule: IdFromLink): string {
  const trimmed = text.trim()
  if (rule.id.test(trimmed)) return trimmed
  const url = parseHttpsUrl(trimmed)
  const match =
    url && (rule.hosts === undefined || rule.hosts.includes(url.hostname))
      ? rule.path.exec(url.pathname.replace(/\/$/, ''))
      : null
  if (!match?.[1]) throw new InvalidInputError(field, `expected ${rule.what}`)
  return match[1]
}
