/**
 * The main screens in Chinese (issue 15: every sentence read by a person, in en and zh_CN): the
 * browser runs in zh-CN, so chrome.i18n picks public/_locales/zh_CN. Each screen is driven by its
 * Chinese labels and must show no English words but names (platforms, products, hosts, ids), which
 * catches a sentence that was never translated or that comes from another context in English.
 * Saves docs/screenshots/90–94 (UPDATE_SCREENSHOTS=1).
 */
import type { Page } from '@playwright/test'
import type { PostBindingFlow } from '../extension/messaging/catalogue.js'
import { messageReader } from '../test/support/locale-messages.js'
import { expect, test } from './fixtures.js'
import { importAvatarUsing, localServicesPerTest } from './local-services.js'
import { PopupPage } from './pages/popup-page.js'
import { ok } from './vault-helpers.js'

test.use({ uiLocale: 'zh-CN' })

const zh = messageReader('zh_CN')
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const BOUND = 'zh-bound.example'
const NEW_DOMAIN = 'zh-new.example'

/** Names that stay as they are in Chinese text: platforms, products, protocols, units of a record. */
const NAMES = [
  'NextID Companion',
  'Next.ID',
  'Mask Network',
  'Mask',
  '.bit',
  'NextDotID',
  'ProofService',
  'KVService',
  'GitHub',
  'Twitter',
  'Ethereum',
  'Solana',
  'Keybase',
  'Minds',
  'Steam',
  'ActivityPub',
  'Discord',
  'Cloudflare',
  'Google',
  'DNS over HTTPS',
  'JSON',
  'DNS',
  'TXT',
  'TTL',
  'secp256k1',
  'Alice',
  'npm start',
  'http',
  'https',
]

const services = localServicesPerTest()

/** The visible text minus names, ids, hosts and record values: what is left must not be English. */
async function englishLeftOver(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what a person reads.
  let text = await page.evaluate(() => document.body.innerText)
  text = text.replace(/\S*(ps:true|0x[0-9a-f]|https?:\/\/|\.example|127\.0\.0\.1)\S*/gi, ' ')
  text = text.replace(/\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(id|com|net|org|google)\b/gi, ' ') // host names
  for (const name of NAMES) text = text.replaceAll(name, ' ')
  return text.match(/[A-Za-z]{3,}/g) ?? []
}

async function expectChinese(popup: PopupPage, screenshot: string) {
  await expect.poll(() => englishLeftOver(popup.page)).toEqual([])
  await popup.screenshot(screenshot)
}

test('the main screens are in Chinese, with no English sentence left', async ({ context, extensionId }) => {
  test.setTimeout(90_000)
  const popup = await PopupPage.open(context, extensionId)
  const page = popup.page
  await expect(page.getByRole('button', { name: new RegExp(`^${zh('createAvatar')}`) })).toBeVisible()
  await expectChinese(popup, '90-zh-welcome')

  // An avatar with one DNS binding, made through the API (the UI for it is tested in English).
  await importAvatarUsing(page, services.server, {
    privateKey: PRIVATE_KEY,
    name: 'Alice',
    password: 'zh e2e password',
  })
  await ok(page, 'updateSettings', { dnsResolverUrl: `${services.simulator.url}/doh/dns-query` })
  const bound = await ok<PostBindingFlow>(page, 'startBinding', { platform: 'dns', identity: BOUND })
  services.simulator.state.dns.addTxt(BOUND, bound.postText)
  await ok(page, 'submitBinding', { flowId: bound.id, proofLocation: '' })
  await ok(page, 'clearFlow', { flowId: bound.id })
  await page.reload()
  await expect(page.getByRole('heading', { name: zh('bindings') })).toBeVisible()
  await expect(page.getByTestId('identity-card')).toContainText('Alice')
  await expect(page.locator('[data-platform="dns"]')).toContainText(BOUND)
  await expectChinese(popup, '91-zh-home')

  await page.getByRole('button', { name: zh('addBinding') }).click()
  await expect(page.getByRole('heading', { name: zh('addBinding') })).toBeVisible()
  await expectChinese(popup, '92-zh-add-binding')

  await page.getByRole('radio', { name: 'DNS', exact: true }).check()
  await page.getByLabel(zh('addBindingDomain')).fill(NEW_DOMAIN)
  await page.getByRole('button', { name: zh('addBindingStart') }).click()
  await page.getByTestId('dns-check-now').click()
  await expect(page.getByTestId('dns-check-result')).toHaveAttribute('data-outcome', 'no-domain')
  await page.getByTestId('dns-check-result').scrollIntoViewIfNeeded()
  await expectChinese(popup, '93-zh-flow-publish-dns')

  await page.getByRole('button', { name: zh('back') }).click()
  await page.getByRole('button', { name: zh('settings') }).click()
  await expect(page.getByRole('heading', { name: zh('settings') })).toBeVisible()
  await expectChinese(popup, '94-zh-settings')
})
