/**
 * Site access the user withdrew (issue 12): Chrome's "site access" set to "on click" for the
 * extension (through the browser's own extension settings API, as the Extensions page does) stops
 * the helpers on x.com and gist.github.com, and the wallet relay and dApp provider on every page.
 * The flow's publish step, and the wallet screen, say so and offer to allow access; once access is
 * back — however the user gives it — the notice goes away. (Pressing "Allow" opens Chrome's own
 * permission prompt, which no test driver can answer; the Firefox suite presses it, with Firefox's
 * prompt answered by a pref.)
 */
import type { BrowserContext, Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { importAvatarUsing, localServicesPerTest } from './local-services.js'
import { FlowPage } from './pages/flow-page.js'
import { PopupPage } from './pages/popup-page.js'
import { ok } from './vault-helpers.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'

const services = localServicesPerTest()

type HostAccess = 'ON_CLICK' | 'ON_ALL_SITES'

/** Sets the extension's site access as the user does on chrome://extensions. */
async function setSiteAccess(settings: Page, extensionId: string, hostAccess: HostAccess) {
  await settings.evaluate(
    ([id, access]) =>
      (
        chrome as unknown as {
          developerPrivate: { updateExtensionConfiguration(update: object): Promise<void> }
        }
      ).developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: access }),
    [extensionId, hostAccess] as const,
  )
}

/** The extension settings page (to change site access) and the popup with an imported avatar. */
async function setUp(context: BrowserContext, extensionId: string) {
  const settings = await context.newPage()
  await settings.goto('chrome://extensions')
  const popup = await PopupPage.open(context, extensionId)
  const key = { privateKey: PRIVATE_KEY, name: 'Alice', password: 'e2e site access' }
  await importAvatarUsing(popup.page, services.server, key)
  return { settings, popup }
}

/** No notice while access is on; withdrawn: the notice with its text and button; restored: gone again. */
async function expectNoticeFollowsAccess(
  settings: Page,
  extensionId: string,
  popup: PopupPage,
  expected: { text: string; button: string; screenshot?: string },
) {
  const notice = popup.page.getByTestId('site-access-missing')
  await expect(notice).toHaveCount(0)
  await setSiteAccess(settings, extensionId, 'ON_CLICK')
  await expect(notice).toContainText(expected.text)
  await expect(notice.getByRole('button', { name: expected.button })).toBeVisible()
  if (expected.screenshot) await popup.screenshot(expected.screenshot)
  await setSiteAccess(settings, extensionId, 'ON_ALL_SITES')
  await expect(notice).toHaveCount(0)
}

test('a GitHub flow without access to gist.github.com says so, and the notice goes once access is back', async ({
  context,
  extensionId,
}) => {
  const { settings, popup } = await setUp(context, extensionId)
  await ok(popup.page, 'startBinding', { platform: 'github', identity: 'alice' })
  await popup.reload()
  const flow = new FlowPage(popup)
  await flow.openFlowFromHome('alice')
  await flow.expectStep('Publish')
  await expectNoticeFollowsAccess(settings, extensionId, popup, {
    text: 'cannot read GitHub right now',
    button: 'Allow on GitHub',
    screenshot: '47-site-access-missing',
  })
})

test('the wallet screen says when access to web pages is off, where the wallet in the page cannot be reached', async ({
  context,
  extensionId,
}) => {
  const { settings, popup } = await setUp(context, extensionId)
  await popup.reload()
  const flow = new FlowPage(popup)
  await flow.openAddBinding()
  await flow.choosePlatform('Ethereum')
  await popup.button('Continue with a wallet').click()
  await popup.expectHeading('Bind a wallet')
  await expectNoticeFollowsAccess(settings, extensionId, popup, {
    text: 'access to websites is turned off or limited',
    button: 'Allow on websites',
  })
})
