/**
 * The gist helper on the real saved new-gist pages (../shared/real-pages/github/, README there),
 * served under https://gist.github.com/ signed in as the account being bound, nothing else changed
 * but GitHub's scripts, which cannot load offline. GitHub's editor is CodeMirror 5 in
 * contenteditable mode over a hidden textarea; with the real library running it (the codemirror@5
 * package), the helper must leave exactly the proof in the editor the user sees, and that is what
 * GitHub receives. With the editor left as saved (it takes no input), the helper must say it could
 * not fill the form — never "ready". The gist GitHub then shows is rendered into a real saved gist
 * page (the 2022 signed-in one, the 2026 signed-out one; their file boxes replaced by the created
 * gist's, in their own markup), where the helper reads the proof back and reports it.
 * Where ../shared/real-pages is absent, these are skipped.
 */
import type { PostBindingFlow } from '../extension/messaging/catalogue.js'
import {
  HAS_REAL_PAGES,
  REAL_GIST_VIEW_PAGE,
  REAL_NEW_GIST_PAGES,
  REAL_PAGES_MISSING,
  REAL_SIGNED_OUT_GIST_PAGE,
  readRealPage,
} from '../test/support/real-pages.js'
import { expect, test } from './fixtures.js'
import { readBanner, realNewGistPage, serveFakeGist } from './github-helpers.js'
import { importAvatarUsing, localServicesPerTest } from './local-services.js'
import { PopupPage, saveScreenshot } from './pages/popup-page.js'
import { call, ok } from './vault-helpers.js'

const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const LOGIN = 'alice'

const services = localServicesPerTest()

async function startGithubFlow(context: Parameters<typeof PopupPage.open>[0], extensionId: string) {
  const popup = await PopupPage.open(context, extensionId)
  const key = { privateKey: PRIVATE_KEY, name: 'Alice', password: 'e2e real gist password' }
  await importAvatarUsing(popup.page, services.server, key)
  const flow = await ok<PostBindingFlow>(popup.page, 'startBinding', { platform: 'github', identity: LOGIN })
  return { popup, flow }
}

/** The real gist page each real new-gist page's created gist is shown in. */
const CREATED_GIST_PAGES = [REAL_GIST_VIEW_PAGE, REAL_SIGNED_OUT_GIST_PAGE]

for (const [index, file] of REAL_NEW_GIST_PAGES.entries()) {
  const createdGistPage = CREATED_GIST_PAGES[index % CREATED_GIST_PAGES.length] ?? REAL_GIST_VIEW_PAGE
  test(`${file}: GitHub's editor running, the helper leaves exactly the proof in it, GitHub receives it, and the helper reads it back on ${createdGistPage}`, async ({
    context,
    extensionId,
  }) => {
    test.skip(!HAS_REAL_PAGES, REAL_PAGES_MISSING)
    const github = services.simulator.state.github
    const site = await serveFakeGist(context, github, {
      login: LOGIN,
      ownerId: 4242,
      newGistPage: realNewGistPage(file, LOGIN, 'codemirror5'),
      gistPageTemplate: readRealPage(createdGistPage),
    })
    const { popup, flow } = await startGithubFlow(context, extensionId)
    const gist = await context.newPage()
    await gist.goto(flow.publishUrl)
    await expect
      .poll(() => readBanner(gist))
      .toMatchObject({ tone: 'info', text: expect.stringContaining('Proof gist ready') })

    // What the editor holds (its own state, in the page's world) and what it shows: the proof, exactly.
    const editorText = await gist.evaluate(() => {
      const editor = document.querySelector('.CodeMirror') as (Element & { CodeMirror?: { getValue(): string } }) | null
      return editor?.CodeMirror?.getValue()
    })
    expect(editorText).toBe(flow.postText)
    await expect(gist.locator('.CodeMirror-code pre.CodeMirror-line')).toHaveCount(flow.postText.split('\n').length)
    await expect(gist.locator('input[name="gist[contents][][name]"]')).toHaveValue(`${flow.avatarId}.json`)
    if (index === 0) await saveScreenshot(gist, '45-gist-helper-real-page')

    // The real form has one submit button (its label is GitHub's script's job); it posts to /.
    await gist.locator('form#new_gist button[type="submit"].btn-primary').click()
    await gist.waitForURL(new RegExp(`^https://gist\\.github\\.com/${LOGIN}/[0-9a-f]{32}$`))
    const gistId = new URL(gist.url()).pathname.split('/')[2] ?? ''
    expect(site.posts).toHaveLength(1)
    expect(github.gist(gistId)).toMatchObject({ public: true, files: { [`${flow.avatarId}.json`]: flow.postText } })
    await expect
      .poll(
        async () => {
          const reply = await call(popup.page, 'getFlows')
          return reply.ok ? (reply.result as PostBindingFlow[])[0]?.step : reply.error.code
        },
        { timeout: 30_000 },
      )
      .toBe('done')
    // On the real gist page: the proof file shown line by line in that page's markup, and the outcome.
    await expect(gist.locator('.gist-content .file')).toHaveCount(1)
    await expect(gist.locator('.gist-content .file td.blob-code')).toHaveCount(flow.postText.split('\n').length)
    await expect.poll(() => readBanner(gist)).toMatchObject({ tone: 'success' })
    if (index === 0) await saveScreenshot(gist, '68-gist-helper-real-gist-page')
  })

  test(`${file}: an editor that takes no input is never reported filled`, async ({ context, extensionId }) => {
    test.skip(!HAS_REAL_PAGES, REAL_PAGES_MISSING)
    await serveFakeGist(context, services.simulator.state.github, {
      login: LOGIN,
      ownerId: 4242,
      newGistPage: realNewGistPage(file, LOGIN, 'saved'),
    })
    const { flow } = await startGithubFlow(context, extensionId)
    const gist = await context.newPage()
    await gist.goto(flow.publishUrl)
    await expect.poll(() => readBanner(gist)).toMatchObject({ tone: 'error' })
    expect((await readBanner(gist))?.text).not.toContain('Proof gist ready')
  })
}
