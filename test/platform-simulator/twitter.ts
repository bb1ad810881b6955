/**
 * Runs in: tests (Node). Twitter API v2 tweet and user lookup in its real wire format (PLATFORMS.md
 * §3.1): a missing, deleted or protected tweet is HTTP 200 with an `errors` array, a bad bearer token
 * is 401, and rate limiting is 429; every answer carries the `x-rate-limit-*` headers.
 */
import { type Context, Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

export type SimulatedTweet = { id: string; text: string; authorId: string }
export type SimulatedTwitterUser = { id: string; username: string; name: string }

const RATE_LIMIT = 900
const PROBLEMS = 'https://api.twitter.com/2/problems'

/** What tests publish on the simulated Twitter, and its failure switches. */
export class TwitterState {
  /** The token the API accepts (`Authorization: Bearer …`). */
  bearerToken = 'simulator-twitter-token'
  /** When on, every request gets 429 Too Many Requests with `x-rate-limit-remaining: 0`. */
  rateLimited = false
  /** Paths (with query) of the requests received, oldest first. */
  readonly requests: string[] = []
  readonly #tweets = new Map<string, SimulatedTweet>()
  readonly #users = new Map<string, SimulatedTwitterUser & { protected: boolean }>()
  #nextId = 1_790_000_000_000_000_000n

  /** Creates (or replaces) a user; ids are decimal strings, usernames keep their case. */
  addUser(user: { id: string; username: string; name?: string; protected?: boolean }): SimulatedTwitterUser {
    const stored = {
      id: user.id,
      username: user.username,
      name: user.name ?? user.username,
      protected: user.protected ?? false,
    }
    this.#users.set(user.id, stored)
    return { id: stored.id, username: stored.username, name: stored.name }
  }

  /** Protects (or unprotects) a user's tweets: they then answer with an Authorization Error. */
  setProtected(userId: string, isProtected: boolean): void {
    const user = this.#users.get(userId)
    if (!user) throw new Error(`no simulated twitter user ${userId}`)
    user.protected = isProtected
  }

  /** Posts a tweet by an existing user and returns it (with a fresh snowflake id unless one is given). */
  publishTweet(tweet: { text: string; authorId: string; id?: string }): SimulatedTweet {
    if (!this.#users.has(tweet.authorId)) throw new Error(`no simulated twitter user ${tweet.authorId}`)
    this.#nextId += 1n
    const stored = { id: tweet.id ?? this.#nextId.toString(), text: tweet.text, authorId: tweet.authorId }
    this.#tweets.set(stored.id, stored)
    return stored
  }

  /** Every tweet published so far (deleted ones excluded), oldest first. */
  tweets(): SimulatedTweet[] {
    return [...this.#tweets.values()]
  }

  /** The user with this username (case-insensitive), if any. */
  userByName(username: string): SimulatedTwitterUser | undefined {
    const user = [...this.#users.values()].find((entry) => entry.username.toLowerCase() === username.toLowerCase())
    return user && { id: user.id, username: user.username, name: user.name }
  }

  /** Deletes a tweet: it then answers with a Not Found Error. */
  deleteTweet(id: string): void {
    this.#tweets.delete(id)
  }

  /** The tweet and its author, or why it cannot be shown. */
  lookup(id: string): { tweet: SimulatedTweet; author: SimulatedTwitterUser } | 'not found' | 'not authorized' {
    const tweet = this.#tweets.get(id)
    const author = tweet && this.#users.get(tweet.authorId)
    if (!tweet || !author) return 'not found'
    if (author.protected) return 'not authorized'
    return { tweet, author: { id: author.id, username: author.username, name: author.name } }
  }

  /** A user by id, if any. */
  user(id: string): SimulatedTwitterUser | undefined {
    const user = this.#users.get(id)
    return user && { id: user.id, username: user.username, name: user.name }
  }
}

/** The simulated Twitter API; mount it at `/twitter` and use that as TWITTER_API_URL. */
export function createTwitterSimulator(): SimulatedPlatform<TwitterState> {
  const state = new TwitterState()
  const app = new Hono()
  app.use('*', async (c, next) => {
    state.requests.push(c.req.path + new URL(c.req.url).search)
    setRateHeaders(c, state.rateLimited)
    if (c.req.header('authorization') !== `Bearer ${state.bearerToken}`) {
      return c.json({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, 401)
    }
    if (state.rateLimited) {
      return c.json({ title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' }, 429)
    }
    await next()
  })
  app.get('/2/tweets/:id', (c) => lookupTweets(state, [c.req.param('id')], 'id', c))
  app.get('/2/tweets', (c) => lookupTweets(state, (c.req.query('ids') ?? '').split(','), 'ids', c))
  app.get('/2/users/:id', (c) => {
    const id = c.req.param('id')
    if (!/^\d{1,19}$/.test(id)) return c.json(invalidRequest('id', id), 400)
    const user = state.user(id)
    if (user) return c.json({ data: user })
    return c.json({ errors: [notFound(id, 'user', 'id', `Could not find user with id: [${id}].`)] })
  })
  return {
    prefix: '/twitter',
    app,
    state,
    config: (mountUrl) => ({ twitter: { apiUrl: mountUrl, bearerToken: state.bearerToken } }),
  }
}

function lookupTweets(state: TwitterState, ids: string[], parameter: 'id' | 'ids', c: Context): Response {
  const bad = ids.find((id) => !/^\d{1,19}$/.test(id))
  if (bad !== undefined) return c.json(invalidRequest(parameter, bad), 400)
  const expandAuthor = (c.req.query('expansions') ?? '').split(',').includes('author_id')
  const withAuthorId = expandAuthor || (c.req.query('tweet.fields') ?? '').split(',').includes('author_id')
  const data: object[] = []
  const users: SimulatedTwitterUser[] = []
  const errors: object[] = []
  for (const id of ids) {
    const found = state.lookup(id)
    if (found === 'not found')
      errors.push(notFound(id, 'tweet', parameter, `Could not find tweet with ${parameter}: [${id}].`))
    else if (found === 'not authorized') errors.push(notAuthorized(id))
    else {
      const { tweet, author } = found
      data.push({
        id: tweet.id,
        text: tweet.text,
        edit_history_tweet_ids: [tweet.id],
        ...(withAuthorId && { author_id: tweet.authorId }),
      })
      if (expandAuthor && !users.some((user) => user.id === author.id)) users.push(author)
    }
  }
  return c.json({
    ...(data.length > 0 && { data: parameter === 'id' ? data[0] : data }),
    ...(users.length > 0 && { includes: { users } }),
    ...(errors.length > 0 && { errors }),
  })
}

function notFound(id: string, resourceType: string, parameter: string, detail: string): object {
  return {
    value: id,
    detail,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: id,
    type: `${PROBLEMS}/resource-not-found`,
  }
}

function notAuthorized(id: string): object {
  return {
    value: id,
    detail: `Sorry, you are not authorized to see the Tweet with ids: [${id}].`,
    title: 'Authorization Error',
    resource_type: 'tweet',
    parameter: 'ids',
    resource_id: id,
    section: 'data',
    type: `${PROBLEMS}/not-authorized-for-resource`,
  }
}

// The 400 wording is UNCONFIRMED (platforms.md §3.1); the shape follows go-twitter's ErrorResponse.
function invalidRequest(parameter: string, value: string): object {
  return {
    errors: [
      {
        parameters: { [parameter]: [value] },
        message: `The \`${parameter}\` query parameter value [${value}] is not valid`,
      },
    ],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEMS}/invalid-request`,
  }
}

function setRateHeaders(c: Context, limited: boolean): void {
  c.header('x-rate-limit-limit', String(RATE_LIMIT))
  c.header('x-rate-limit-remaining', limited ? '0' : String(RATE_LIMIT - 1))
  c.header('x-rate-limit-reset', String(Math.floor(Date.now() / 1000) + 900))
}
