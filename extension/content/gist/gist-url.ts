/** Which gist.github.com page a path is (platforms.md §2.1). */
import { isGithubLogin } from './gist-dom.js'

/** The new-gist form lives at `/` and `/new` while signed in. */
export function isNewGistPath(pathname: string): boolean {
  return pathname === '/' || pathname === '/new' || pathname === '/new/'
}

// github-url-detection isSingleGist: 20 or 32 hex digits, then an optional 40-hex revision.
const SINGLE_GIST = /^\/([^/]+)\/([0-9a-f]{20}|[0-9a-f]{32})(?:\/[0-9a-f]{40})?\/?$/

/** `{owner, id}` of a single-gist page `/<user>/<id>`, or null for any other path. */
export function parseGistPath(pathname: string): { owner: string; id: string } | null {
  const match = SINGLE_GIST.exec(pathname)
  const owner = match?.[1]
  const id = match?.[2]
  if (!owner || !id || !isGithubLogin(owner)) return null
  return { owner, id }
}
