/**
 * KVService paths with and without the `/api` prefix its Lambda build serves (§9.1, §15 #15),
 * so clients configured with either base URL work.
 */

/** `path` and `/api` + `path`. */
export function withApiAlias(path: string): string[] {
  return [path, `/api${path}`]
}
