/**
 * Binding flows through the popup UI only (issue 5): a local ProofService on PGlite whose DNS
 * validator reads the platform simulator. Add a DNS binding → the TXT record shown → submitted
 * before it exists (the flow waits) → the popup closed and reopened (the flow comes back from the
 * background) → the record published → done → home lists the binding valid → revoked. A record
 * with a wrong signature is checked again, quoting the service, until it is fixed. A service
 * that refuses the avatar's signature alone for a DNS revoke is answered with a revoke flow.
 * Saves docs/screenshots/29–36 (UPDATE_SCREENSHOTS=1).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext } from '@playwright/test'
import { loadConfig } from '../server/config.js'
import { startServer } from '../server/start-server.js'
import { expect, test } from './fixtures.js'
import { localServicesPerTest, UNUSED_KV_URL } from './local-services.js'
import { ChainKvPage } from './pages/chain-kv-page.js'
import { FlowPage } from './pages/flow-page.js'
import { HomePage } from './pages/home-page.js'
import { OnboardingPage } from './pages/onboarding-page.js'
import { PopupPage } from './pages/popup-page.js'

const PASSWORD = 'e2e popup flow password'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const DOMAIN = 'popup-flow.example'
const TXT_RECORD = /^ps:true;v:1;sig:[A-Za-z0-9+/]{87}=;ca:\d+;uuid:[0-9a-f-]{36};prev:null$/

const services = localServicesPerTest()

/** The popup with an imported avatar, pointed at the local ProofService through Settings. */
async function setUp(context: BrowserContext, extensionId: string) {
  const popup = await PopupPage.open(context, extensionId)
  const home = new HomePage(popup)
  await new OnboardingPage(popup).importKey(PRIVATE_KEY, { name: 'Alice', password: PASSWORD })
  await home.expectCurrent('Alice')
  // biome-ignore lint/correctness/useHookAtTopLevel: a page-object method, not a React hook.
  await home.useCustomEndpoints(services.server.proofServiceUrl ?? '', UNUSED_KV_URL)
  await expect(popup.page.getByText('No bindings yet.', { exact: false })).toBeVisible()
  return { popup, home, flow: new FlowPage(popup) }
}

/** As setUp, with DOMAIN bound through the popup and home shown again. */
async function setUpBound(context: BrowserContext, extensionId: string) {
  const parts = await setUp(context, extensionId)
  await parts.flow.startBinding('DNS', DOMAIN)
  services.simulator.state.dns.addTxt(DOMAIN, await parts.flow.readTextToPublish())
  await parts.flow.published()
  await parts.flow.expectDone()
  await parts.flow.backHome()
  return parts
}

test('home names the service in use; Add binding says which platforms it does not verify and why', async ({
  context,
  extensionId,
}) => {
  // A server as npm start runs it without API tokens: it verifies neither X nor Discord.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-no-tokens-'))
  const bare = await startServer(
    loadConfig({
      PROOF_PORT: '0',
      KV_PORT: 'off',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: 'off',
    }),
  )
  try {
    const popup = await PopupPage.open(context, extensionId)
    const home = new HomePage(popup)
    const flow = new FlowPage(popup)
    await new OnboardingPage(popup).importKey(PRIVATE_KEY, { name: 'Alice', password: PASSWORD })
    const service = popup.page.getByTestId('service-in-use')
    await expect(service).toHaveText('Service: Next.ID production')
    await expect(service).toHaveAttribute('data-preset', 'production')
    // biome-ignore lint/correctness/useHookAtTopLevel: a page-object method, not a React hook.
    await home.useCustomEndpoints(bare.proofServiceUrl ?? '', UNUSED_KV_URL)
    await expect(service).toHaveText(`Service: ${new URL(bare.proofServiceUrl ?? '').host}`)
    await expect(service).toHaveAttribute('data-preset', 'custom')

    await flow.openAddBinding()
    const unverified = popup.page.getByTestId('unverified-platforms')
    await expect(unverified.locator('summary')).toHaveText('Not verified by this service (2)')
    await unverified.locator('summary').click()
    await expect(unverified).toContainText(
      'X (Twitter), Discord: the service you use does not list them as platforms it verifies',
    )
    await expect(unverified).toContainText('only once it has their API token')
    await expect(flow.platformPicker()).not.toContainText('X (Twitter)')
    await popup.screenshot('82-add-binding-unverified')
    await popup.back()

    // The local server preset is named as such.
    await home.openSettings()
    await popup.page.getByLabel(/^Local server/).check()
    await popup.button('Save').click()
    await expect(popup.page.getByText('Saved.')).toBeVisible()
    await popup.back()
    await expect(service).toHaveText('Service: Local server')
    await expect(service).toHaveAttribute('data-preset', 'local')
  } finally {
    await bare.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('“Check DNS now” shows what the resolver set in Settings returns, compared with the record', async ({
  context,
  extensionId,
}) => {
  const { popup, home, flow } = await setUp(context, extensionId)
  const dns = services.simulator.state.dns
  // The resolver, chosen in Settings: the simulator's, which answers in Cloudflare's DNS-over-HTTPS JSON.
  await home.openSettings()
  const resolverField = popup.field('DNS resolver for "Check DNS now" (DNS over HTTPS, JSON)')
  await expect(resolverField).toHaveValue('https://cloudflare-dns.com/dns-query')
  await resolverField.fill(`${services.simulator.url}/doh/dns-query`)
  await popup.button('Save').click()
  await expect(popup.page.getByText('Saved.')).toBeVisible()
  await popup.back()

  await flow.startBinding('DNS', DOMAIN)
  const record = await flow.readTextToPublish()
  const checkNow = popup.page.getByTestId('dns-check-now')
  const result = popup.page.getByTestId('dns-check-result')
  const resolverHost = new URL(services.simulator.url).host

  // The domain does not exist yet for the resolver.
  await checkNow.click()
  await expect(result).toHaveAttribute('data-outcome', 'no-domain')
  await expect(result).toContainText(`What ${resolverHost} shows for ${DOMAIN} now:`)
  await expect(result).toContainText('This domain does not exist for that resolver.')

  // Other records, one of them a Next.ID proof of an earlier attempt: listed, "not there yet".
  dns.addTxt(DOMAIN, 'v=spf1 -all')
  const earlier = record.replace(/uuid:[0-9a-f-]{36}/, 'uuid:11111111-2222-4333-8444-555555555555')
  dns.addTxt(DOMAIN, earlier)
  await checkNow.click()
  await expect(result).toHaveAttribute('data-outcome', 'not-yet')
  await expect(result).toContainText('Your record is not there yet.')
  await expect(result.locator('li code')).toHaveText(['v=spf1 -all', earlier])
  await expect(result).toContainText('A Next.ID record from an earlier attempt is there too')
  await result.scrollIntoViewIfNeeded()
  await popup.screenshot('80-dns-check-not-yet')

  // The record, split in two strings as some providers store long values: found.
  dns.addTxt(DOMAIN, record.slice(0, 60), record.slice(60))
  await checkNow.click()
  await expect(result).toHaveAttribute('data-outcome', 'found')
  await expect(result).toContainText('Your record is there.')

  // While the flow waits for the service, the same lookup is at hand.
  dns.failWithRcode = 2
  await flow.published()
  await flow.expectStep('Verify')
  await checkNow.click()
  await expect(result).toHaveAttribute('data-outcome', 'lookup-failed')
  await expect(result).toContainText('The resolver could not look the domain up (DNS error 2).')
  await result.scrollIntoViewIfNeeded()
  await popup.screenshot('81-dns-check-waiting')
  expect(dns.requests.filter((query) => query.includes(`name=${DOMAIN}`)).length).toBeGreaterThanOrEqual(4)
})

test('a DNS binding through the popup: record shown, waits, survives a reopen, done, listed, revoked', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  test.setTimeout(120_000)
  let { popup, home, flow } = await setUp(context, extensionId)
  services.simulator.state.dns.addTxt(DOMAIN, 'v=spf1 -all')

  await flow.openAddBinding()
  // X: its templates come in two languages; a bad handle is refused inline, before anything is signed.
  await flow.choosePlatform('X (Twitter)')
  await expect(popup.page.getByRole('radiogroup', { name: 'Language of the post' })).toBeVisible()
  await flow.identity().fill('@alice')
  await popup.button('Start').click()
  await expect(popup.error()).toHaveText('Type “@alice” without the @ at the start.')
  await flow.choosePlatform('DNS')
  await expect(popup.error()).toHaveCount(0)
  await expect(flow.identity()).toHaveAttribute('placeholder', 'example.com')
  await expect(popup.page.getByRole('radiogroup', { name: 'Language of the post' })).toHaveCount(0)
  await flow.identity().fill(DOMAIN)
  await popup.screenshot('29-add-binding')
  await popup.button('Start').click()

  await flow.expectStep('Publish')
  const record = await flow.readTextToPublish()
  expect(record).toMatch(TXT_RECORD)
  // The record to add, field by field, as a DNS provider's form asks for it.
  const guide = popup.page.getByTestId('dns-record')
  await expect(guide).toContainText(`Host / Name${DOMAIN} (the domain itself: "@" in most providers' forms)`)
  await expect(guide).toContainText('TypeTXT')
  await expect(guide).toContainText('TTL300 seconds (5 minutes)')
  await expect(guide).toContainText('up to 48 hours')
  await expect(flow.proofLocation()).toHaveCount(0)
  await flow.copy()
  // What was copied, pasted back (reading the clipboard directly needs a permission extension pages cannot get).
  await popup.page.evaluate(() => {
    const target = document.createElement('textarea')
    target.id = 'paste-target'
    document.body.append(target)
    target.focus()
  })
  await popup.page.keyboard.press('ControlOrMeta+V')
  expect(await popup.page.locator('#paste-target').inputValue()).toBe(record)
  await popup.page.evaluate(() => document.getElementById('paste-target')?.remove())
  await popup.screenshot('30-flow-publish-dns')

  // Pressed before the record exists: the service does not see it yet, and the flow waits.
  await flow.published()
  await flow.expectStep('Verify')
  await expect(flow.retryStatus()).toHaveText(/^Next check at \S+/)
  await expect(flow.checkUntil()).toHaveText(/^Keeps checking until .+, even with the popup closed\.$/)
  // The service's own words, quoted inside the extension's sentence.
  await expect(
    popup.page.getByText(/^Not accepted yet; the service says: “no Next\.ID TXT record for uuid/),
  ).toBeVisible()
  await popup.screenshot('31-flow-waiting')

  // Closing the popup loses nothing: the flow lives in the background.
  await popup.page.close()
  popup = await PopupPage.open(context, extensionId)
  home = new HomePage(popup)
  flow = new FlowPage(popup)
  await home.expectCurrent('Alice')
  await expect(flow.homeFlows()).toHaveCount(1)
  await expect(flow.homeFlows()).toContainText(DOMAIN)
  await expect(flow.homeFlows()).toContainText('checking')
  await popup.screenshot('34-home-with-flows')
  await flow.openFlowFromHome(DOMAIN)
  await flow.expectStep('Verify')
  await expect(flow.textToPublish()).toHaveCount(0)

  services.simulator.state.dns.addTxt(DOMAIN, record)
  await flow.expectDone(60_000)
  await flow.expectStep('Done')
  await expect(flow.doneMessage()).toHaveText(`Verified: ${DOMAIN} on DNS is bound to your avatar.`)
  await popup.screenshot('32-flow-done')
  // The background raised the notification (issue 5): one, named after the flow.
  const notifications = await serviceWorker.evaluate(() => chrome.notifications.getAll())
  expect(Object.keys(notifications)).toEqual([expect.stringMatching(/^flow-done-[0-9a-f-]{36}$/)])

  await flow.backHome()
  await expect(flow.homeFlows()).toHaveCount(0)
  const row = home.bindings().filter({ hasText: DOMAIN })
  await expect(row).toHaveAttribute('data-platform', 'dns')
  await expect(row).toContainText('Valid')

  // Our server accepts the avatar's signature alone for a DNS revoke (§15 #11): the plain sheet does it.
  const chain = new ChainKvPage(popup)
  await chain.startRevoke(DOMAIN)
  await popup.button('Sign and revoke').click()
  await expect(popup.page.getByTestId('revoke-done')).toBeVisible()
  await popup.button('Done').click()
  await expect(popup.page.getByText('No bindings yet.', { exact: false })).toBeVisible()
})

test('a refused record is checked again and again, quoting the service; fixing it completes with no new signature', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000)
  const { popup, home, flow } = await setUp(context, extensionId)
  await flow.startBinding('DNS', DOMAIN)
  const record = await flow.readTextToPublish()

  // A record with this flow's uuid but another signature: the service refuses it. Its words do not
  // say whether a retry can help, and the chain has not moved: the flow keeps checking (DNS: 48 h).
  const sig = /sig:([^;]+);/.exec(record)?.[1] ?? ''
  const forged = record.replace(`sig:${sig}`, `sig:${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`)
  services.simulator.state.dns.addTxt(DOMAIN, forged)
  await flow.published()
  await flow.expectStep('Verify')
  await expect(popup.page.getByText(/^Not accepted yet; the service says: “/)).toBeVisible()
  await popup.screenshot('33-flow-not-accepted')

  // The user fixes the record; "Check now" does not wait for the next check. Nothing new was signed.
  services.simulator.state.dns.addTxt(DOMAIN, record)
  await flow.checkNow()
  await flow.expectDone()
  await flow.backHome()
  await expect(home.bindings().filter({ hasText: DOMAIN })).toContainText('Valid')
})

test('"Cancel" while checking forgets the flow', async ({ context, extensionId }) => {
  const { popup, flow } = await setUp(context, extensionId)
  await flow.startBinding('DNS', DOMAIN)
  await flow.published()
  await flow.expectStep('Verify')
  await popup.button('Cancel').click()
  await expect(flow.homeFlows()).toHaveCount(0)
})

test('a service that wants a new proof to revoke: the sheet offers a revoke flow, which completes', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000)
  const { popup, home, flow } = await setUpBound(context, extensionId)

  // Play Next.ID's reference (§7.2): a DNS delete passes only with a TXT record signed over the delete.
  await context.route(`${services.server.proofServiceUrl}/v1/proof`, async (route) => {
    const body = route.request().postDataJSON() as { action?: string; uuid?: string; extra?: { signature?: string } }
    const records = (services.simulator.state.dns.txt(DOMAIN) ?? []).map((strings) => strings.join(''))
    const published = records.some(
      (text) => text.includes(`uuid:${body.uuid}`) && text.includes(`sig:${body.extra?.signature}`),
    )
    if (route.request().method() !== 'POST' || body.action !== 'delete' || published) return route.continue()
    return route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({ message: `no Next.ID TXT record for uuid ${body.uuid} at ${DOMAIN}` }),
    })
  })
  await new ChainKvPage(popup).startRevoke(DOMAIN)
  await popup.button('Sign and revoke').click()
  await expect(flow.revokeNeedsProof()).toContainText('This service needs a new proof to revoke')
  await flow.startRevokeWithProof()
  await popup.expectHeading('Revoke DNS')
  await flow.expectStep('Publish')
  const revokeRecord = await flow.readTextToPublish()
  expect(revokeRecord).toMatch(/^ps:true;v:1;sig:[A-Za-z0-9+/]{87}=;ca:\d+;uuid:[0-9a-f-]{36};prev:\S{88}$/)
  await popup.screenshot('35-flow-revoke-dns')
  services.simulator.state.dns.addTxt(DOMAIN, revokeRecord)
  await flow.published()
  await flow.expectDone()
  await expect(flow.doneMessage()).toHaveText(`Revoked: ${DOMAIN} on DNS is no longer bound to your avatar.`)
  await flow.backHome()
  await expect(home.bindings()).toHaveCount(0)
})

test('a revoke confirmed while the service is down waits on the flow screen and completes once it is back', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000)
  const { popup, home, flow } = await setUpBound(context, extensionId)

  // The delete payload is prepared; then the service goes away before the user confirms.
  await new ChainKvPage(popup).startRevoke(DOMAIN)
  const submitUrl = `${services.server.proofServiceUrl}/v1/proof`
  const down = (route: Parameters<Parameters<BrowserContext['route']>[1]>[0]) =>
    route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()
  await context.route(submitUrl, down)
  await popup.button('Sign and revoke').click()
  await popup.expectHeading('Revoke DNS')
  await flow.expectStep('Verify')
  await expect(popup.page.getByTestId('flow-retry')).toBeVisible()
  await expect(popup.page.getByRole('status').first()).toContainText('cannot be reached')
  await popup.screenshot('36-flow-revoke-waiting')

  await context.unroute(submitUrl, down)
  await popup.button('Check now').click()
  await flow.expectDone()
  await expect(flow.doneMessage()).toHaveText(`Revoked: ${DOMAIN} on DNS is no longer bound to your avatar.`)
  await flow.backHome()
  await expect(home.bindings()).toHaveCount(0)
})
