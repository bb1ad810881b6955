/**
 * The fake x.com of the e2e suites, independent of the browser driver: the saved pages of
 * e2e/fixtures/x/ under their real URLs, their app script (x-app.js) from abs.twimg.com, and X's
 * CreateTweet endpoint answered by publishing the tweet on the platform simulator's Twitter (what
 * the service's validator reads), optionally only after a delay (a tweet the API shows late).
 * Playwright (x-helpers.ts) and puppeteer (e2e-firefox/) both answer requests with it.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { TwitterState } from '../test/platform-simulator/twitter.js'

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'x')
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')

export type FakeXOptions = {
  /** The handle the pages are logged in as (the fixtures' "alice" is replaced by it). */
  loggedInAs: string
  /** The simulator's Twitter, where posted tweets land. */
  twitter: TwitterState
  /** How long after posting the API shows the tweet (0: at once). */
  visibleAfterMs?: number
}

export type FakeXRequest = { method: string; url: string; postData: string | null }
export type FakeXAnswer = { status: number; contentType: string; body: string }

/** The URLs the fake answers: x.com and X's static hosts. */
export const FAKE_X_URLS = /^https:\/\/(x\.com|abs\.twimg\.com|pbs\.twimg\.com|abs-0\.twimg\.com)\//

let nextId = 1_790_000_000_000_100_000n

/** A fake x.com: `answer` serves one request of FAKE_X_URLS; `posts` are the CreateTweet requests seen. */
export function createFakeX(options: FakeXOptions) {
  const posts: { id: string; text: string }[] = []
  const page = (name: string) => fixture(name).replaceAll('alice', options.loggedInAs)

  const createTweet = (postData: string | null): FakeXAnswer => {
    const text = (JSON.parse(postData ?? '{}') as { variables: { tweet_text: string } }).variables.tweet_text
    const author = options.twitter.userByName(options.loggedInAs)
    if (!author) throw new Error(`no simulated twitter user ${options.loggedInAs}`)
    nextId += 1n
    const id = nextId.toString()
    posts.push({ id, text })
    const publish = () => options.twitter.publishTweet({ id, text, authorId: author.id })
    if (options.visibleAfterMs) setTimeout(publish, options.visibleAfterMs)
    else publish()
    const created = {
      data: { create_tweet: { tweet_results: { result: { rest_id: id, legacy: { full_text: text } } } } },
    }
    return { status: 200, contentType: 'application/json', body: JSON.stringify(created) }
  }

  return {
    posts,
    answer(request: FakeXRequest): FakeXAnswer {
      const url = new URL(request.url)
      if (url.hostname === 'abs.twimg.com') {
        return { status: 200, contentType: 'application/javascript', body: fixture('x-app.js') }
      }
      if (url.hostname !== 'x.com') return { status: 404, contentType: 'text/plain', body: '' }
      if (request.method === 'POST' && /^\/i\/api\/graphql\/[^/]+\/CreateTweet$/.test(url.pathname)) {
        return createTweet(request.postData)
      }
      const name = /^\/(intent\/(tweet|post)|compose\/post)$/.test(url.pathname)
        ? 'intent.html'
        : /^\/[A-Za-z0-9_]{1,15}\/status\/[0-9]+/.test(url.pathname)
          ? 'status.html'
          : 'home.html'
      return { status: 200, contentType: 'text/html; charset=utf-8', body: page(name) }
    },
  }
}
