/**
 * Site access the user withdrew (issue 12): Chrome's "site access" set to "on click" for the
 * extension (through the browser's own extension settings API, as the Extensions page does) stops
 * the helpers on x.com and gist.github.com, and the wallet relay and dApp provider on every page.
 * The flow's publish step, and the wallet screen, say so and offer to allow access; once access is
 * back — however the user gives it — the notice goes away. (Pressing "Allow" opens the browser's
 * own permission prompt, which a headless test cannot answer: not exercised here.)
 */
import type { Page } from '@playwright/test'
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

test('a GitHub flow without access to gist.github.com says so, and the notice goes once access is back', async ({
  context,
  extensionId,
}) => {
  const settings = await context.newPage()
  await settings.goto('chrome://extensions')
  const popup = await PopupPage.open(context, extensionId)
  await importAvatarUsing(popup.page, services.server, {
    privateKey: PRIVATE_KEY,
    name: 'Alice',
    password: 'e2e site access',
  })
  await ok(popup.page, 'startBinding', { platform: 'github', identity: 'alice' })
  await popup.reload()
  const flow = new FlowPage(popup)
  await flow.openFlowFromHome('alice')
  await flow.expectStep('Publish')
  const notice = popup.page.getByTestId('site-access-missing')
  await expect(notice).toHaveCount(0)

  await setSiteAccess(settings, extensionId, 'ON_CLICK')
  await expect(notice).toContainText('cannot read GitHub right now')
  await expect(notice.getByRole('button', { name: 'Allow on GitHub' })).toBeVisible()
  await popup.screenshot('47-site-access-missing')

  await setSiteAccess(settings, extensionId, 'ON_ALL_SITES')
  await expect(notice).toHaveCount(0)
})

test('the wallet screen says when access to web pages is off, where the wallet in the page cannot be reached', async ({
  context,
  extensionId,
}) => {
  const settings = await context.newPage()
  await settings.goto('chrome://extensions')
  const popup = await PopupPage.open(context, extensionId)
  await importAvatarUsing(popup.page, services.server, {
    privateKey: PRIVATE_KEY,
    name: 'Alice',
    password: 'e2e site access',
  })
  await popup.reload()
  const flow = new FlowPage(popup)
  await flow.openAddBinding()
  await flow.choosePlatform('Ethereum')
  await popup.button('Continue with a wallet').click()
  await popup.expectHeading('Bind a wallet')
  const notice = popup.page.getByTestId('site-access-missing')
  await expect(notice).toHaveCount(0)
  await setSiteAccess(settings, extensionId, 'ON_CLICK')
  await expect(notice).toContainText('access to websites is turned off or limited')
  await expect(notice.getByRole('button', { name: 'Allow on websites' })).toBeVisible()
  await setSiteAccess(settings, extensionId, 'ON_ALL_SITES')
  await expect(notice).toHaveCount(0)
})
