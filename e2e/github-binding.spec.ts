/**
 * GitHub bindings through the gist.github.com helper (issue 5), offline: the saved gist pages are
 * served under their real URLs (e2e/github-helpers.ts), the form's POST creates the gist in the
 * platform simulator, and a local ProofService (PGlite) validates it through the simulated GitHub
 * REST API. The flow starts from an extension page (PopupApi startBinding); the user's only action
 * on GitHub is clicking "Create public gist". The file field is the fixture's plain textarea, or a
 * CodeMirror 6 stand-in over it. Saves docs/screenshots/40-*, 41-* (UPDATE_SCREENSHOTS=1).
 */
import type { Page } from '@playwright/test'
import type { Binding, PostBindingFlow } from '../extension/messaging/catalogue.js'
import { expect, test } from './fixtures.js'
import { readBanner, serveFakeGist } from './github-helpers.js'
import { importAvatarUsing, localServicesPerTest, withReferenceDouble } from './local-services.js'
import { ChainKvPage } from './pages/chain-kv-page.js'
import { FlowPage } from './pages/flow-page.js'
import { HomePage } from './pages/home-page.js'
import { PopupPage, saveScreenshot } from './pages/popup-page.js'
import { call, ok, stopServiceWorker } from './vault-helpers.js'

const PASSWORD = 'e2e gist password'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const LOGIN = 'alice'

const services = localServicesPerTest()

/** The popup with an imported avatar pointed at the local ProofService, and a GitHub flow for `LOGIN` started. */
async function startGithubFlow(
  context: Parameters<typeof PopupPage.open>[0],
  extensionId: string,
  proofServiceUrl = services.server.proofServiceUrl,
) {
  const popup = await PopupPage.open(context, extensionId)
  const server = { ...services.server, proofServiceUrl }
  await importAvatarUsing(popup.page, server, { privateKey: PRIVATE_KEY, name: 'Alice', password: PASSWORD })
  const flow = await ok<PostBindingFlow>(popup.page, 'startBinding', { platform: 'github', identity: LOGIN })
  expect(flow).toMatchObject({ step: 'publish', publishUrl: 'https://gist.github.com/', needsProofLocation: true })
  return { popup, flow }
}

/** The flow as the background has it now. */
async function flowStep(page: Page, flowId: string): Promise<string> {
  const reply = await call(page, 'getFlows')
  if (!reply.ok) return reply.error.code
  return (reply.result as PostBindingFlow[]).find((flow) => flow.id === flowId)?.step ?? 'missing'
}

/** Opens the flow's publish page and waits until the helper has filled the form in. */
async function openFilledForm(context: Parameters<typeof PopupPage.open>[0], flow: PostBindingFlow): Promise<Page> {
  const gist = await context.newPage()
  await gist.goto(flow.publishUrl)
  await expectFilledForm(gist, flow)
  return gist
}

/** Waits until the helper has filled the new-gist form in for `flow`. */
async function expectFilledForm(gist: Page, flow: PostBindingFlow): Promise<void> {
  await expect(gist.locator('input[name="gist[contents][][name]"]')).toHaveValue(`${flow.avatarId}.json`)
  // The page itself relabels its button once the helper chose "public" (platforms.md §2.3).
  await expect(gist.getByRole('button', { name: 'Create public gist', exact: true })).toBeVisible()
  await expect(gist.locator('input[name="gist[description]"]')).toHaveValue('Next.ID proof')
  await expect
    .poll(() => readBanner(gist))
    .toMatchObject({ tone: 'info', text: expect.stringContaining('Proof gist ready') })
}

/** Clicks "Create public gist" and waits for the created gist's page; answers the gist id. */
async function createGist(gist: Page): Promise<string> {
  await gist.getByRole('button', { name: 'Create public gist', exact: true }).click()
  await gist.waitForURL(new RegExp(`^https://gist\\.github\\.com/${LOGIN}/[0-9a-f]{32}$`))
  return new URL(gist.url()).pathname.split('/')[2] ?? ''
}

test('a GitHub binding started in the popup completes from the filled gist form, shows as valid and is revoked', async ({
  context,
  extensionId,
}) => {
  const site = await serveFakeGist(context, services.simulator.state.github, { login: LOGIN, ownerId: 4242 })
  const popup = await PopupPage.open(context, extensionId)
  await importAvatarUsing(popup.page, services.server, { privateKey: PRIVATE_KEY, name: 'Alice', password: PASSWORD })
  await popup.reload()
  const flowScreen = new FlowPage(popup)
  await flowScreen.startBinding('GitHub', LOGIN)
  const postText = await flowScreen.readTextToPublish()
  const [flow] = await ok<PostBindingFlow[]>(popup.page, 'getFlows')
  if (!flow) throw new Error('no flow after Start')

  // "Open GitHub" opens a new gist, which the helper fills in.
  const opened = context.waitForEvent('page')
  await popup.button('Open GitHub').click()
  const gist = await opened
  await expectFilledForm(gist, flow)
  expect(await gist.locator('textarea[name="gist[contents][][value]"]').inputValue()).toBe(postText)
  await saveScreenshot(gist, '40-gist-helper-filled')
  const gistId = await createGist(gist)

  // What GitHub received: one public gist with exactly the proof file.
  expect(site.posts).toHaveLength(1)
  expect(services.simulator.state.github.gist(gistId)).toEqual({
    id: gistId,
    owner: { login: LOGIN, id: 4242 },
    public: true,
    description: 'Next.ID proof',
    files: { [`${flow.avatarId}.json`]: postText },
  })
  await expect
    .poll(() => readBanner(gist), { timeout: 30_000 })
    .toEqual({ tone: 'success', text: expect.stringContaining('GitHub account bound') })
  await saveScreenshot(gist, '41-gist-helper-done')
  const [done] = await ok<PostBindingFlow[]>(popup.page, 'getFlows')
  expect(done).toMatchObject({ id: flow.id, step: 'done', proofLocation: gistId, status: null })

  // The popup's flow screen shows it verified; home lists the binding as valid; the revoke sheet removes it.
  await flowScreen.expectDone()
  await flowScreen.backHome()
  const home = new HomePage(popup)
  const row = home.bindings().filter({ hasText: LOGIN })
  await expect(row).toHaveAttribute('data-platform', 'github')
  await expect(row.locator('.chip')).toHaveText('Valid')
  await new ChainKvPage(popup).startRevoke(LOGIN)
  await popup.button('Sign and revoke').click()
  await expect(popup.page.getByTestId('revoke-done')).toBeVisible()
  await expect(home.bindings()).toHaveCount(0)
  expect(await ok<Binding[]>(popup.page, 'getBindings')).toEqual([])
})

test('signed in as another login: the flow fails with the wrong-account reason and no gist is created', async ({
  context,
  extensionId,
}) => {
  const site = await serveFakeGist(context, services.simulator.state.github, { login: 'mallory', ownerId: 666 })
  const { popup, flow } = await startGithubFlow(context, extensionId)

  const gist = await context.newPage()
  await gist.goto(flow.publishUrl)
  await expect.poll(() => flowStep(popup.page, flow.id), { timeout: 15_000 }).toBe('failed')
  const [failed] = await ok<PostBindingFlow[]>(popup.page, 'getFlows')
  // The background says what happened as a code with the page's account; the popup and the banner word it.
  expect(failed?.status).toEqual({ code: 'wrong-account', account: 'mallory' })
  await expect
    .poll(() => readBanner(gist))
    .toEqual({
      tone: 'error',
      text: expect.stringContaining('You are signed in as mallory, but this binding is for alice.'),
    })

  // Nothing was filled in, and every way of creating the gist is refused.
  await expect(gist.locator('input[name="gist[contents][][name]"]')).toHaveValue('')
  const create = gist.getByRole('button', { name: 'Create secret gist', exact: true })
  await expect(create).toHaveAttribute('aria-disabled', 'true')
  // aria-disabled tells assistive tech; a real click still reaches the page (force: Playwright honours aria-disabled).
  await create.click({ force: true })
  const notCancelled = await gist.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('form#new_gist')
    const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]')
    const clickGoesThrough = button?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    const submitGoesThrough = form?.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }))
    form?.requestSubmit()
    return { clickGoesThrough, submitGoesThrough }
  })
  expect(notCancelled).toEqual({ clickGoesThrough: false, submitGoesThrough: false })
  // A round trip through the fake site after the attempts: a POST they started would have arrived first.
  await gist.reload()
  await expect(gist.locator('form#new_gist')).toBeVisible()
  expect(site.posts).toHaveLength(0)
  expect(gist.url()).toBe('https://gist.github.com/')
  expect(services.simulator.state.github.gistIds()).toEqual([])
})

test('the service worker stopped between filling the form and Create: the flow still completes', async ({
  context,
  extensionId,
}) => {
  await serveFakeGist(context, services.simulator.state.github, { login: LOGIN, ownerId: 4242 })
  const { popup, flow } = await startGithubFlow(context, extensionId)
  const gist = await openFilledForm(context, flow)

  await stopServiceWorker(gist)
  const gistId = await createGist(gist)

  // The created page's report wakes a new worker, which submits the gist.
  await expect.poll(() => flowStep(popup.page, flow.id), { timeout: 30_000 }).toBe('done')
  const [done] = await ok<PostBindingFlow[]>(popup.page, 'getFlows')
  expect(done).toMatchObject({ id: flow.id, proofLocation: gistId })
  expect(await ok<Binding[]>(popup.page, 'getBindings')).toEqual([
    expect.objectContaining({ platform: 'github', identity: LOGIN, isValid: true, altId: '4242' }),
  ])
})

test('a CodeMirror 6 editor over the file field is typed into, and its text is what GitHub receives', async ({
  context,
  extensionId,
}) => {
  await serveFakeGist(context, services.simulator.state.github, { login: LOGIN, ownerId: 4242, editor: 'codemirror6' })
  const { popup, flow } = await startGithubFlow(context, extensionId)
  const gist = await openFilledForm(context, flow)
  // The editor holds the text line by line; the textarea behind it is only written on submit.
  const lines = flow.postText.split('\n')
  await expect(gist.locator('.cm-content .cm-line')).toHaveText(lines)
  expect(await gist.locator('textarea[name="gist[contents][][value]"]').inputValue()).toBe('')

  const gistId = await createGist(gist)
  expect(services.simulator.state.github.gist(gistId)?.files).toEqual({ [`${flow.avatarId}.json`]: flow.postText })
  await expect.poll(() => flowStep(popup.page, flow.id), { timeout: 30_000 }).toBe('done')
})

test("against Next.ID's own answers (reference-behaviour double): the gist binds from the filled form", async ({
  context,
  extensionId,
}) => {
  await withReferenceDouble(services.server, async (proofServiceUrl) => {
    await serveFakeGist(context, services.simulator.state.github, { login: LOGIN, ownerId: 4242 })
    const { popup, flow } = await startGithubFlow(context, extensionId, proofServiceUrl)
    const gistId = await createGist(await openFilledForm(context, flow))
    await expect.poll(() => flowStep(popup.page, flow.id), { timeout: 30_000 }).toBe('done')
    const [done] = await ok<PostBindingFlow[]>(popup.page, 'getFlows')
    expect(done).toMatchObject({ id: flow.id, proofLocation: gistId, status: null })
  })
})
