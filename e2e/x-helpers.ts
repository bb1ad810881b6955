/**
 * The fake x.com for the Playwright specs (fake-x.ts) served with `context.route`.
 */
import { type BrowserContext, expect, type Page } from '@playwright/test'
import { createFakeX, FAKE_X_URLS, type FakeXOptions } from './fake-x.js'

export type FakeX = {
  /** CreateTweet requests the pages made. */
  readonly posts: { id: string; text: string }[]
}

/** Routes x.com and X's static hosts for `context`. */
export async function serveFakeX(context: BrowserContext, options: FakeXOptions): Promise<FakeX> {
  const fake = createFakeX(options)
  await context.route(FAKE_X_URLS, (route) => {
    const request = route.request()
    const { status, contentType, body } = fake.answer({
      method: request.method(),
      url: request.url(),
      postData: request.postData(),
    })
    return route.fulfill({ status, contentType, body })
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
