/**
 * Runs in: tests (Node). GitHub REST `GET /gists/{gist_id}` in its real wire format (PLATFORMS.md
 * §3.2): files keyed by name, `owner.login` in its original case, the 404 body, primary rate limits
 * as 403 or 429 with `x-ratelimit-remaining: 0`, and files whose `content` is truncated.
 */
import { type Context, Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

export type SimulatedGistOwner = { login: string; id: number }
/** A file's text, or `{content, truncated: true}` for a file the API cuts short. */
export type SimulatedGistFile = string | { content: string; truncated: true }
export type SimulatedGist = {
  id: string
  owner: SimulatedGistOwner | null
  public: boolean
  description: string
  files: Record<string, SimulatedGistFile>
}

const RATE_LIMIT = 60
const DOCS = 'https://docs.github.com/rest'

/** What tests publish on the simulated GitHub, and its failure switches. */
export class GithubState {
  /** When set, requests whose `Authorization` is present but not `Bearer <token>` get 401 Bad credentials. */
  token: string | null = null
  /** 403 or 429: every request is refused as over the primary rate limit. */
  rateLimit: 403 | 429 | null = null
  /** Paths of the requests received, with their headers (lowercase names), oldest first. */
  readonly requests: { path: string; headers: Record<string, string> }[] = []
  readonly #gists = new Map<string, SimulatedGist>()
  #nextId = 0

  /** Publishes a gist (public unless said otherwise) and returns its id (32 hex digits unless given). */
  publishGist(gist: {
    owner: SimulatedGistOwner | null
    files: Record<string, SimulatedGistFile>
    id?: string
    public?: boolean
    description?: string
  }): string {
    this.#nextId += 1
    const id = gist.id ?? this.#nextId.toString(16).padStart(32, 'a')
    this.#gists.set(id, {
      id,
      owner: gist.owner,
      public: gist.public ?? true,
      description: gist.description ?? '',
      files: { ...gist.files },
    })
    return id
  }

  /** Deletes a gist: it then answers 404. */
  deleteGist(id: string): void {
    this.#gists.delete(id)
  }

  /** A gist by id, if any. */
  gist(id: string): SimulatedGist | undefined {
    return this.#gists.get(id)
  }

  /** Ids of every gist published so far, oldest first. */
  gistIds(): string[] {
    return [...this.#gists.keys()]
  }
}

/** The simulated GitHub API; mount it at `/github` and use that as GITHUB_API_URL. */
export function createGithubSimulator(): SimulatedPlatform<GithubState> {
  const state = new GithubState()
  const app = new Hono()
  app.use('*', async (c, next) => {
    state.requests.push({ path: c.req.path, headers: Object.fromEntries(c.req.raw.headers) })
    const authorization = c.req.header('authorization')
    if (authorization !== undefined && authorization !== `Bearer ${state.token}`) {
      return c.json({ message: 'Bad credentials', documentation_url: DOCS, status: '401' }, 401)
    }
    setRateHeaders(c, state.rateLimit !== null)
    if (state.rateLimit !== null) {
      const message =
        "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
      return c.json(
        { message, documentation_url: `${DOCS}/overview/resources-in-the-rest-api#rate-limiting` },
        state.rateLimit,
      )
    }
    await next()
  })
  app.get('/gists/:id', (c) => {
    const gist = state.gist(c.req.param('id'))
    if (!gist) return c.json({ message: 'Not Found', documentation_url: `${DOCS}/gists/gists#get-a-gist` }, 404)
    return c.json(gistBody(gist, new URL(c.req.url).origin))
  })
  return {
    prefix: '/github',
    app,
    state,
    config: (mountUrl) => ({ github: { apiUrl: mountUrl, token: state.token } }),
  }
}

function gistBody(gist: SimulatedGist, origin: string): object {
  const files = Object.fromEntries(
    Object.entries(gist.files).map(([name, file]) => {
      const content = typeof file === 'string' ? file : file.content.slice(0, Math.ceil(file.content.length / 2))
      const raw_url = `${origin}/raw/${gist.id}/${name}`
      const size = new TextEncoder().encode(typeof file === 'string' ? file : file.content).length
      const type = name.endsWith('.json') ? 'application/json' : 'text/plain'
      return [
        name,
        { filename: name, type, language: null, raw_url, size, truncated: typeof file !== 'string', content },
      ]
    }),
  )
  const now = '2024-01-18T00:00:00Z'
  return {
    url: `${origin}/gists/${gist.id}`,
    id: gist.id,
    html_url: `https://gist.github.com/${gist.id}`,
    public: gist.public,
    description: gist.description,
    owner: gist.owner && { login: gist.owner.login, id: gist.owner.id, type: 'User', site_admin: false },
    files,
    truncated: false,
    created_at: now,
    updated_at: now,
    history: [],
  }
}

function setRateHeaders(c: Context, exhausted: boolean): void {
  c.header('x-ratelimit-limit', String(RATE_LIMIT))
  c.header('x-ratelimit-remaining', exhausted ? '0' : String(RATE_LIMIT - 1))
  c.header('x-ratelimit-used', exhausted ? String(RATE_LIMIT) : '1')
  c.header('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600))
  c.header('x-ratelimit-resource', 'core')
}
