/**
 * Reading a post from a fediverse server (platforms.md §3.5): nodeinfo tells which API the server
 * speaks, then Mastodon/Pleroma `GET /api/v1/statuses/:id` or Misskey `POST /api/notes/show`.
 * Unlike the reference, servers listing only nodeinfo 2.1 work, and the Mastodon branch is real (§11 #2).
 */
import { asJsonObject, fetchPlatform, readPlatformJson, unexpectedStatus } from './platform-fetch.js'
import { PlatformUnavailableError, ProofRejectedError, type ValidatorContext } from './validator.js'

/** A post as the validator needs it; `text` may be HTML (Mastodon). */
export type FediversePost = {
  authorId: string
  username: string
  /** Null for an account of this server; else the host of a remote account (a federated copy). */
  host: string | null
  text: string
}

type Api = 'mastodon' | 'misskey'

const LABEL = 'activitypub'
const NODEINFO_SCHEMAS = ['2.0', '2.1'].map((version) => `http://nodeinfo.diaspora.software/ns/schema/${version}`)
// The reference's three plus the forks that kept their parent's API unchanged.
const APIS: Record<string, Api> = {
  mastodon: 'mastodon',
  pleroma: 'mastodon',
  akkoma: 'mastodon',
  misskey: 'misskey',
  sharkey: 'misskey',
}

/** Fetches post `id` from the server at `baseUrl` (no trailing slash); `server` names it in messages. */
export async function fetchFediversePost(
  baseUrl: string,
  server: string,
  id: string,
  context: ValidatorContext,
): Promise<FediversePost> {
  const api = await detectApi(baseUrl, server, context)
  return api === 'misskey' ? fetchNote(baseUrl, server, id, context) : fetchStatus(baseUrl, server, id, context)
}

async function detectApi(baseUrl: string, server: string, context: ValidatorContext): Promise<Api> {
  const links = asJsonObject(await getJson(`${baseUrl}/.well-known/nodeinfo`, server, context))?.links
  const candidates = (Array.isArray(links) ? links : []).map(asJsonObject)
  // 2.0 first, as the reference reads it; 2.1 is a superset with the same `software.name`.
  const href = NODEINFO_SCHEMAS.map((rel) => candidates.find((link) => link?.rel === rel)?.href).find(
    (value) => typeof value === 'string',
  )
  if (typeof href !== 'string') throw new ProofRejectedError(`${server} lists no nodeinfo 2.0 or 2.1 document`)
  if (!isBelow(href, baseUrl)) throw new ProofRejectedError(`${server} points its nodeinfo to another site`)
  const software = asJsonObject(asJsonObject(await getJson(href, server, context))?.software)?.name
  const api = typeof software === 'string' && Object.hasOwn(APIS, software) ? APIS[software] : undefined
  if (api === undefined) {
    // Named in our words only: what the server calls itself is never echoed back to the client.
    throw new ProofRejectedError(`${server} runs ActivityPub software that is not supported`)
  }
  return api
}

// Only the server itself may say what it runs: following a link elsewhere would let any site be fetched.
function isBelow(href: string, baseUrl: string): boolean {
  try {
    const target = new URL(href)
    const base = new URL(`${baseUrl}/`)
    return target.origin === base.origin && target.pathname.startsWith(base.pathname)
  } catch {
    return false
  }
}

async function getJson(url: string, server: string, context: ValidatorContext): Promise<unknown> {
  const response = await fetchPlatform(context, LABEL, url, { headers: { accept: 'application/json' } })
  if (response.status === 404)
    throw new ProofRejectedError(`${server} has no nodeinfo: it is not an ActivityPub server`)
  if (response.status !== 200) throw unexpectedStatus(`${LABEL} server ${server}`, response)
  return readPlatformJson(response, LABEL, context)
}

async function fetchStatus(baseUrl: string, server: string, id: string, context: ValidatorContext) {
  const url = `${baseUrl}/api/v1/statuses/${id}`
  const response = await fetchPlatform(context, LABEL, url, { headers: { accept: 'application/json' } })
  if (response.status === 404 || response.status === 410)
    throw new ProofRejectedError(`${server} status not found: ${id}`)
  // We send no credential: a server (or post) that needs one can never show the proof publicly.
  if (response.status === 401 || response.status === 403) {
    throw new ProofRejectedError(`${server} does not show status ${id} without signing in`)
  }
  if (response.status !== 200) throw unexpectedStatus(`${LABEL} server ${server}`, response)
  const status = asJsonObject(await readPlatformJson(response, LABEL, context))
  const account = asJsonObject(status?.account)
  // Pleroma and Akkoma also give the source text, which needs no HTML stripping.
  const plain = asJsonObject(asJsonObject(status?.pleroma)?.content)?.['text/plain']
  const text = typeof plain === 'string' ? plain : status?.content
  const { id: authorId, username, acct } = account ?? {}
  if (
    typeof text !== 'string' ||
    typeof authorId !== 'string' ||
    typeof username !== 'string' ||
    typeof acct !== 'string'
  ) {
    throw new PlatformUnavailableError(`${server} answered a status without content or account`)
  }
  // `acct` is `username` for local accounts and `username@host` for remote ones.
  const host = acct.includes('@') ? acct.slice(acct.indexOf('@') + 1) : null
  return { authorId, username, host, text }
}

async function fetchNote(baseUrl: string, server: string, id: string, context: ValidatorContext) {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ noteId: id }) }
  const response = await fetchPlatform(context, LABEL, `${baseUrl}/api/notes/show`, init)
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    const error = asJsonObject(asJsonObject(await readPlatformJson(response, LABEL, context).catch(() => null))?.error)
    if (error?.code === 'NO_SUCH_NOTE') throw new ProofRejectedError(`${server} note not found: ${id}`)
    throw new ProofRejectedError(`${server} does not show note ${id} (HTTP ${response.status})`)
  }
  if (response.status !== 200) throw unexpectedStatus(`${LABEL} server ${server}`, response)
  const note = asJsonObject(await readPlatformJson(response, LABEL, context))
  const user = asJsonObject(note?.user)
  const { id: authorId, username, host } = user ?? {}
  const text = note?.text ?? ''
  if (typeof text !== 'string' || typeof authorId !== 'string' || typeof username !== 'string') {
    throw new PlatformUnavailableError(`${server} answered a note without text or user`)
  }
  return { authorId, username, host: typeof host === 'string' ? host : null, text }
}
