/**
 * The fake x.com for the e2e specs: the saved pages of e2e/fixtures/x/ served under their real
 * URLs with `context.route`, their app script (x-app.js) from abs.twimg.com, and X's CreateTweet
 * endpoint answered by publishing the tweet on the platform simulator's Twitter (what the
 * service's validator reads), optionally only after a delay (a tweet the API shows late).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { type BrowserContext, expect, type Page } from '@playwright/test'
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

export type FakeX = {
  /** CreateTweet requests the pages made. */
  readonly posts: { id: string; text: string }[]
}

let nextId = 1_790_000_000_000_100_000n

/** Routes x.com and abs.twimg.com for `context`. */
export async function serveFakeX(context: BrowserContext, options: FakeXOptions): Promise<FakeX> {
  const fake: FakeX = { posts: [] }
  const page = (name: string) => fixture(name).replaceAll('alice', options.loggedInAs)
  await context.route('https://abs.twimg.com/**', (route) =>
    route.fulfill({ contentType: 'application/javascript', body: fixture('x-app.js') }),
  )
  await context.route(/^https:\/\/(pbs|abs-0)\.twimg\.com\//, (route) => route.fulfill({ status: 404, body: '' }))
  await context.route('https://x.com/**', async (route) => {
    const request = route.request()
    const url = new URL(request.url())
    if (request.method() === 'POST' && /^\/i\/api\/graphql\/[^/]+\/CreateTweet$/.test(url.pathname)) {
      const text = (request.postDataJSON() as { variables: { tweet_text: string } }).variables.tweet_text
      const author = options.twitter.userByName(options.loggedInAs)
      if (!author) throw new Error(`no simulated twitter user ${options.loggedInAs}`)
      nextId += 1n
      const id = nextId.toString()
      fake.posts.push({ id, text })
      const publish = () => options.twitter.publishTweet({ id, text, authorId: author.id })
      if (options.visibleAfterMs) setTimeout(publish, options.visibleAfterMs)
      else publish()
      return route.fulfill({
        json: { data: { create_tweet: { tweet_results: { result: { rest_id: id, legacy: { full_text: text } } } } } },
      })
    }
    const name = /^\/(intent\/(tweet|post)|compose\/post)$/.test(url.pathname)
      ? 'intent.html'
      : /^\/[A-Za-z0-9_]{1,15}\/status\/[0-9]+/.test(url.pathname)
        ? 'status.html'
        : 'home.html'
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: page(name) })
  })
  return fake
}

/** The helper banner's host (its content is in a closed shadow root; tone and title are on the host). */
export function helperBanner(page: Page) {
  return page.locator('#nextid-companion-banner')
}

/** Waits until the helper banner shows `title` (a string or pattern). */
export async function expectBanner(page: Page, title: string | RegExp, timeout = 20_000) {
  await expect(helperBanner(page)).toHaveAttribute('aria-label', title, { timeout })
}

/** The Post button of the compose modal. */
export function postButton(page: Page) {
  return page.locator('button[data-testid="tweetButton"]')
}
