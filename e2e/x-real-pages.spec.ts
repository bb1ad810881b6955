/**
 * The X helper on the real saved x.com pages (../shared/real-pages/x/, README there), served under
 * their real URLs with the account they were saved under replaced by the one being bound; X's
 * scripts cannot load offline (its inline scripts were removed when the pages were saved), so X's
 * own state never takes the text and its Post button stays disabled. On every layout the helper
 * must recognise the account (the flow stays waiting to be published), refuse another (the flow
 * fails "wrong account"), and never call the composer ready while X's Post is disabled. On the
 * real home page, with the test standing in for what X's scripts do after a paste, the real
 * "Your post was sent." toast must give the helper the new tweet's id.
 * Where ../shared/real-pages is absent, these are skipped.
 */
import type { Page } from '@playwright/test'
import type { PostBindingFlow } from '../extension/messaging/catalogue.js'
import {
  HAS_REAL_PAGES,
  REAL_PAGES_MISSING,
  REAL_X_ACCOUNT_PAGES,
  REAL_X_TOAST_PAGE,
  readRealPage,
  withXLogin,
} from '../test/support/real-pages.js'
import { expect, test } from './fixtures.js'
import { readBanner } from './github-helpers.js'
import { importAvatarUsing, localServicesPerTest } from './local-services.js'
import { PopupPage, saveScreenshot } from './pages/popup-page.js'
import { call, ok } from './vault-helpers.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const HANDLE = 'alice_nextid'

const services = localServicesPerTest()

/** The page's URL as X serves it: the home timeline, or the status the page was saved from. */
function urlOf(file: string): string {
  return file.includes('/status-') ? 'https://x.com/arscontexta/status/2013045749580259680' : 'https://x.com/home'
}

async function flowOf(page: Page, flowId: string) {
  const reply = await call(page, 'getFlows')
  return reply.ok ? (reply.result as PostBindingFlow[]).find((flow) => flow.id === flowId) : undefined
}

for (const [index, real] of REAL_X_ACCOUNT_PAGES.entries()) {
  for (const loggedInAs of [HANDLE, 'mallory_x']) {
    const expectation = loggedInAs === HANDLE ? 'recognises the account' : 'refuses another account'
    test(`${real.layout} (${real.file}): ${expectation}`, async ({ context, extensionId }) => {
      test.skip(!HAS_REAL_PAGES, REAL_PAGES_MISSING)
      const html = withXLogin(readRealPage(real.file), real.savedHandle, loggedInAs)
      await context.route(/^https:\/\/([a-z0-9-]+\.)?(twimg\.com|x\.com|twitter\.com)\//, (route) => {
        const url = new URL(route.request().url())
        if (url.hostname === 'x.com' && route.request().method() === 'GET' && url.href === urlOf(real.file)) {
          return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
        }
        return route.abort('blockedbyclient') // X's scripts, images and API: not reachable offline
      })
      const popup = await PopupPage.open(context, extensionId)
      const key = { privateKey: PRIVATE_KEY, name: 'Alice', password: 'e2e real x password' }
      await importAvatarUsing(popup.page, services.server, key)
      const flow = await ok<PostBindingFlow>(popup.page, 'startBinding', { platform: 'twitter', identity: HANDLE })

      const x = await context.newPage()
      await x.goto(urlOf(real.file))
      if (loggedInAs === HANDLE) {
        await expect
          .poll(async () => (await readBanner(x))?.text ?? '', { timeout: 20_000 })
          .toMatch(/Post this tweet to bind @alice_nextid/)
        const banner = await readBanner(x)
        expect(banner?.text).not.toContain('Post it unchanged') // X's Post is disabled: never "ready"
        expect(await flowOf(popup.page, flow.id)).toMatchObject({ step: 'publish', status: null })
        if (index === 0) await saveScreenshot(x, '46-x-helper-real-page')
      } else {
        await expect.poll(async () => (await flowOf(popup.page, flow.id))?.step, { timeout: 20_000 }).toBe('failed')
        expect(await flowOf(popup.page, flow.id)).toMatchObject({
          status: { code: 'wrong-account', account: 'mallory_x' },
        })
        await expect.poll(async () => (await readBanner(x))?.tone).toBe('error')
      }
    })
  }
}

const TOAST = { handle: 'rosario_weather', userId: '1204800000000000001', tweetId: '1785136482820243725' }

/**
 * What X's scripts would do once the user pasted the proof (they cannot run offline): Draft.js
 * renders one block per line and X enables the Post button of that composer. Nothing else changes.
 */
async function standInForXAfterPaste(x: Page, postText: string): Promise<void> {
  await x.evaluate((text) => {
    const composer = document.querySelector<HTMLElement>('[data-testid="tweetTextarea_0"]')
    const contents = composer?.querySelector('div[data-contents="true"]')
    if (!composer || !contents) throw new Error('no Draft.js composer on the page')
    contents.replaceChildren(
      ...text.split('\n').map((line) => {
        const block = document.createElement('div')
        block.dataset.block = 'true'
        const span = document.createElement('span')
        span.textContent = line
        block.append(span)
        return block
      }),
    )
    const post = document.querySelector<HTMLButtonElement>('[data-testid="tweetButtonInline"]')
    post?.removeAttribute('disabled')
    post?.removeAttribute('aria-disabled')
  }, postText)
}

/** X showing its real "Your post was sent." toast (../shared/real-pages/x/toast-…), element as saved. */
async function showRealToast(x: Page): Promise<void> {
  await x.evaluate((saved) => {
    const toast = new DOMParser().parseFromString(saved, 'text/html').querySelector('[data-testid="toast"]')
    if (!toast) throw new Error('no toast in the saved page')
    document.getElementById('layers')?.append(document.importNode(toast, true))
  }, readRealPage(REAL_X_TOAST_PAGE))
}

test(`the real "Your post was sent." toast on the real home page (${REAL_X_TOAST_PAGE}): its tweet id is captured and the tweet binds`, async ({
  context,
  extensionId,
}) => {
  test.skip(!HAS_REAL_PAGES, REAL_PAGES_MISSING)
  const real = REAL_X_ACCOUNT_PAGES[0]
  const html = withXLogin(readRealPage(real.file), real.savedHandle, TOAST.handle)
  await context.route(/^https:\/\/([a-z0-9-]+\.)?(twimg\.com|x\.com|twitter\.com)\//, (route) =>
    route.request().url() === 'https://x.com/home'
      ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
      : route.abort('blockedbyclient'),
  )
  const twitter = services.simulator.state.twitter
  twitter.addUser({ id: TOAST.userId, username: TOAST.handle })
  const popup = await PopupPage.open(context, extensionId)
  const key = { privateKey: PRIVATE_KEY, name: 'Alice', password: 'e2e real x password' }
  await importAvatarUsing(popup.page, services.server, key)
  const flow = await ok<PostBindingFlow>(popup.page, 'startBinding', { platform: 'twitter', identity: TOAST.handle })

  const x = await context.newPage()
  await x.goto('https://x.com/home')
  await expect
    .poll(async () => (await readBanner(x))?.text ?? '', { timeout: 20_000 })
    .toMatch(/Post this tweet to bind @rosario_weather/)
  await standInForXAfterPaste(x, flow.postText)
  await expect.poll(async () => (await readBanner(x))?.text ?? '').toContain('Post it unchanged')
  await x.getByTestId('tweetButtonInline').click()
  await expect.poll(async () => (await readBanner(x))?.text ?? '').toMatch(/Waiting for the tweet/)

  // X posts the tweet (the simulator's API now shows it under the toast's id) and shows its toast.
  twitter.publishTweet({ id: TOAST.tweetId, text: flow.postText, authorId: TOAST.userId })
  await showRealToast(x)
  await expect
    .poll(async () => (await readBanner(x))?.text ?? '', { timeout: 20_000 })
    .toMatch(/@rosario_weather is bound/)
  await saveScreenshot(x, '67-x-helper-real-toast')
  expect(await flowOf(popup.page, flow.id)).toMatchObject({ step: 'done', proofLocation: TOAST.tweetId })
})
