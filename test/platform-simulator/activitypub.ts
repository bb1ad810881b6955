/**
 * Runs in: tests (Node). Fediverse servers in their real wire formats (platforms.md §3.5): nodeinfo
 * discovery, Mastodon's `GET /api/v1/statuses/:id` (HTML content), Pleroma's (plus
 * `pleroma.content["text/plain"]`) and Misskey's `POST /api/notes/show` with its error shape.
 *
 * One port serves many servers, so each one lives under `/activitypub/<server>`; tests set
 * ACTIVITYPUB_URL_TEMPLATE to `<simulator>/activitypub/{server}`.
 */
import { type Context, Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

/** `software.name` in nodeinfo; anything else (`gotosocial`, …) serves nodeinfo only. */
export type FediverseSoftware = 'mastodon' | 'pleroma' | 'misskey' | (string & {})
export type SimulatedFediverseServer = { software: FediverseSoftware; nodeinfoVersions: ('2.0' | '2.1')[] }
export type SimulatedFediversePost = {
  id: string
  /** The author's account id on this server. */
  accountId: string
  username: string
  /** Where the author's account lives: null for local, else a remote host (a federated copy). */
  host: string | null
  /** Plain text; Mastodon and Pleroma serve it as HTML. */
  text: string
}

const NODEINFO_SCHEMA = 'http://nodeinfo.diaspora.software/ns/schema/'
const MISSKEY_ERRORS = {
  noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '24fcbfc6-2e37-42b6-8388-c29b3861a08d' },
  rateLimited: {
    message: 'Rate limit exceeded. Please try again later.',
    code: 'RATE_LIMIT_EXCEEDED',
    id: 'd5826d14-3982-4d2e-8011-b9e9f02499ef',
  },
}

/** The servers tests start, what their users post, and failure switches. */
export class ActivityPubState {
  /** When on, every server answers its API calls with 429. */
  rateLimited = false
  /** Servers whose API refuses unauthenticated reads (Mastodon 401, Misskey SIGNIN_REQUIRED-like). */
  readonly authRequired = new Set<string>()
  /** Paths of the requests received, oldest first. */
  readonly requests: string[] = []
  readonly #servers = new Map<string, SimulatedFediverseServer & { posts: Map<string, SimulatedFediversePost> }>()
  #nextId = 111_000_000_000_000_000n

  /** Starts a server (`mastodon.example`) running this software, listing nodeinfo 2.0 unless told otherwise. */
  addServer(name: string, software: FediverseSoftware, nodeinfoVersions: ('2.0' | '2.1')[] = ['2.0']): void {
    this.#servers.set(name, { software, nodeinfoVersions, posts: new Map() })
  }

  /** Posts on a server (a local account unless `host` is set) and returns the post with its id. */
  publish(server: string, post: Omit<SimulatedFediversePost, 'id' | 'host'> & { host?: string }) {
    const found = this.#servers.get(server)
    if (!found) throw new Error(`no simulated fediverse server ${server}`)
    this.#nextId += 1n
    // Misskey ids are short lowercase alphanumerics (aid), Mastodon's are snowflakes.
    const id = found.software === 'misskey' ? `9${this.#nextId.toString(36)}` : this.#nextId.toString()
    const stored = { ...post, id, host: post.host ?? null }
    found.posts.set(id, stored)
    return stored
  }

  /** Deletes a post: it then answers as missing. */
  delete(server: string, id: string): void {
    this.#servers.get(server)?.posts.delete(id)
  }

  server(name: string): (SimulatedFediverseServer & { posts: Map<string, SimulatedFediversePost> }) | undefined {
    return this.#servers.get(name)
  }
}

/** The simulated fediverse; mount it at `/activitypub`. */
export function createActivityPubSimulator(): SimulatedPlatform<ActivityPubState> {
  const state = new ActivityPubState()
  const app = new Hono()
  app.use('*', async (c, next) => {
    state.requests.push(c.req.path)
    await next()
  })
  app.get('/:server/.well-known/nodeinfo', (c) => {
    const server = state.server(c.req.param('server'))
    if (!server) return c.text('Not Found', 404)
    const base = c.req.url.slice(0, -'/.well-known/nodeinfo'.length)
    const links = server.nodeinfoVersions.map((version) => ({
      rel: `${NODEINFO_SCHEMA}${version}`,
      href: `${base}/nodeinfo/${version}`,
    }))
    return c.json({ links })
  })
  app.get('/:server/nodeinfo/:version', (c) => {
    const server = state.server(c.req.param('server'))
    const version = c.req.param('version')
    if (!server || !(server.nodeinfoVersions as string[]).includes(version)) return c.json({ error: 'Not found' }, 404)
    return c.json(nodeinfoBody(server.software, version))
  })
  app.get('/:server/api/v1/statuses/:id', (c) => showStatus(c, state))
  app.post('/:server/api/notes/show', (c) => showNote(c, state))
  return {
    prefix: '/activitypub',
    app,
    state,
    config: (mountUrl) => ({ activitypub: { urlTemplate: `${mountUrl}/{server}` } }),
  }
}

function nodeinfoBody(software: string, version: string): object {
  return {
    version,
    software: { name: software, version: '4.2.0', ...(version === '2.1' && { homepage: 'https://example.org' }) },
    protocols: ['activitypub'],
    services: { outbound: [], inbound: [] },
    usage: { users: { total: 10, activeMonth: 5, activeHalfyear: 8 }, localPosts: 100 },
    openRegistrations: false,
    metadata: {},
  }
}

function showStatus(c: Context, state: ActivityPubState): Response {
  const name = c.req.param('server') ?? ''
  const server = state.server(name)
  if (!server || server.software === 'misskey') return c.text('Not Found', 404)
  if (state.rateLimited) return c.json({ error: 'Too many requests' }, 429)
  if (state.authRequired.has(name)) return c.json({ error: 'This API requires an authenticated user' }, 401)
  const post = server.posts.get(c.req.param('id') ?? '')
  if (!post) return c.json({ error: 'Record not found' }, 404)
  return c.json(statusBody(post, name, server.software === 'pleroma'))
}

async function showNote(c: Context, state: ActivityPubState): Promise<Response> {
  const name = c.req.param('server') ?? ''
  const server = state.server(name)
  if (server?.software !== 'misskey') return c.text('Not Found', 404)
  if (state.rateLimited) return c.json({ error: { ...MISSKEY_ERRORS.rateLimited, kind: 'client' } }, 429)
  const body: unknown = await c.req.json().catch(() => null)
  const noteId = typeof body === 'object' && body !== null ? (body as { noteId?: unknown }).noteId : undefined
  const post = typeof noteId === 'string' ? server.posts.get(noteId) : undefined
  if (!post) return c.json({ error: { ...MISSKEY_ERRORS.noSuchNote, kind: 'client' } }, 400)
  if (state.authRequired.has(name)) {
    const error = { message: 'Signin required.', code: 'SIGNIN_REQUIRED', id: '8e75455b-738c-471d-9f80-62693f33372e' }
    return c.json({ error: { ...error, kind: 'client' } }, 400)
  }
  return c.json(noteBody(post))
}

function statusBody(post: SimulatedFediversePost, server: string, pleroma: boolean): object {
  const acct = post.host === null ? post.username : `${post.username}@${post.host}`
  const home = post.host ?? server
  return {
    id: post.id,
    created_at: '2024-01-18T00:00:00.000Z',
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'en',
    uri: `https://${home}/users/${post.username}/statuses/${post.id}`,
    url: `https://${home}/@${post.username}/${post.id}`,
    content: toHtml(post.text, pleroma),
    account: {
      id: post.accountId,
      username: post.username,
      acct,
      display_name: post.username,
      url: `https://${home}/@${post.username}`,
    },
    media_attachments: [],
    mentions: [],
    tags: [],
    ...(pleroma && { pleroma: { content: { 'text/plain': post.text }, local: post.host === null } }),
  }
}

function noteBody(post: SimulatedFediversePost): object {
  return {
    id: post.id,
    createdAt: '2024-01-18T00:00:00.000Z',
    userId: post.accountId,
    user: { id: post.accountId, name: post.username, username: post.username, host: post.host, avatarUrl: null },
    text: post.text,
    cw: null,
    visibility: 'public',
    localOnly: false,
    renoteCount: 0,
    repliesCount: 0,
    reactions: {},
    fileIds: [],
    files: [],
    replyId: null,
    renoteId: null,
  }
}

// Mastodon: paragraphs in <p>, line breaks <br />, mentions as h-cards; Pleroma: <br/> only.
function toHtml(text: string, pleroma: boolean): string {
  const escaped = text
    .trimEnd()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
  const linked = escaped.replace(
    /@(\w+)@([\w.-]+\w)/g,
    '<span class="h-card" translate="no"><a href="https://$2/@$1" class="u-url mention">@<span>$1</span></a></span>',
  )
  if (pleroma) return linked.replace(/\n/g, '<br/>')
  return linked
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br />')}</p>`)
    .join('')
}
