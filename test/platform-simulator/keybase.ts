/**
 * Runs in: tests (Node). Keybase public files, `https://<username>.keybase.pub/NextID/0x<hex>.json`
 * (platforms.md §3.4). One simulator port cannot have a host per user, so the user name is the first
 * path segment instead: in tests KEYBASE_URL_TEMPLATE is `http://127.0.0.1:PORT/keybase/{username}`
 * (`configFor` sets it). keybase.pub itself was shut down in 2023; this fake is all that answers.
 */
import { Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

/** The simulated public folders: file text by user name and path under the user's root. */
export class KeybaseState {
  /** When set, every request gets this HTTP status (e.g. 503). */
  failWithStatus: number | null = null
  /** Paths of the requests received, oldest first. */
  readonly requests: string[] = []
  readonly #files = new Map<string, string>()

  /** Publishes `NextID/<avatar>.json` for a user (avatar as `0x` + compressed hex). */
  publishProof(username: string, avatar: string, content: string): void {
    this.publishFile(username, `NextID/${avatar}.json`, content)
  }

  /** Publishes any file under a user's public folder. */
  publishFile(username: string, path: string, content: string): void {
    this.#files.set(key(username, path), content)
  }

  /** Removes a file: it then answers 404. */
  removeFile(username: string, path: string): void {
    this.#files.delete(key(username, path))
  }

  /** A file's text, if published. */
  file(username: string, path: string): string | undefined {
    return this.#files.get(key(username, path))
  }
}

/** The simulated keybase.pub; mount it at `/keybase` and use `<mount>/{username}` as KEYBASE_URL_TEMPLATE. */
export function createKeybaseSimulator(): SimulatedPlatform<KeybaseState> {
  const state = new KeybaseState()
  const app = new Hono()
  app.get('/:username/*', (c) => {
    state.requests.push(c.req.path)
    if (state.failWithStatus !== null) return c.text('Service Unavailable', state.failWithStatus as 503)
    const username = c.req.param('username')
    const path = c.req.path.slice(c.req.path.indexOf(`/${username}/`) + username.length + 2)
    const content = state.file(username, decodeURIComponent(path))
    if (content === undefined) return c.text('404 page not found', 404)
    return c.body(content, 200, { 'content-type': 'application/json; charset=utf-8' })
  })
  return {
    prefix: '/keybase',
    app,
    state,
    config: (mountUrl) => ({ keybase: { urlTemplate: `${mountUrl}/{username}` } }),
  }
}

// Hosts are case-insensitive, so the user name (the host in the real URL) is too.
function key(username: string, path: string): string {
  return `${username.toLowerCase()}/${path}`
}
