// @vitest-environment happy-dom
/**
 * The gist helper's steps on the saved gist.github.com pages, with the background answering
 * through the PageHelperApi calls the real one serves (recorded here): a gist page is reported only
 * when this tab just created it from the helper's form, so an older gist never touches the flow.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stubEnglishMessages } from '../../../test/support/extension/english-messages.js'
import { loadFixture } from '../../../test/support/extension/gist-fixture-pages.js'
import type { PageHelperApi, PublishStatus, PublishTask } from '../../messaging/catalogue.js'
import type { BannerContent } from '../page-banner.js'
import { readGistFile } from './gist-dom.js'
import { type GistHelperEnv, runGistHelper } from './gist-helper.js'
import type { PageFixture } from './selectors.js'

vi.mock('../../messaging/client.js', () => ({}))

const PROOF_FILE = `0x02${'5d'.repeat(32)}.json`
const GIST_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
const PROOF = readGistFile(loadFixture('gist'), PROOF_FILE) ?? ''
const TASK: PublishTask = {
  flowId: 'flow-g',
  platform: 'github',
  identity: 'alice',
  postText: PROOF,
  fileName: PROOF_FILE,
}

type Call = { method: keyof PageHelperApi; params: unknown }

/** Runs the helper on a saved page at `pathname`, sharing the tab's sessionStorage across runs. */
async function visit(page: PageFixture, pathname: string, task: PublishTask = TASK) {
  const doc = loadFixture(page)
  const calls: Call[] = []
  const banners: BannerContent[] = []
  const call = (async (method: keyof PageHelperApi, params?: unknown): Promise<unknown> => {
    calls.push({ method, params })
    if (method === 'getPublishTask') return task
    return { step: method === 'reportAccount' ? 'publish' : 'submit', status: null } satisfies PublishStatus
  }) as GistHelperEnv['call']
  await runGistHelper({ doc, pathname, storage: sessionStorage, call, show: (b) => banners.push(b), copy: () => {} })
  const reports = calls.filter((entry) => entry.method === 'reportPublished')
  return { doc, calls, banners, reports }
}

/** The new-gist form filled by the helper, then submitted (the create button's submit). */
async function createFromHelperForm(task: PublishTask = TASK): Promise<void> {
  const { doc, banners } = await visit('newGist', '/', task)
  expect(banners.at(-1)?.title).toBe('Proof gist ready')
  doc.querySelector('form#new_gist')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
}

beforeEach(() => {
  stubEnglishMessages()
  sessionStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('runGistHelper on a gist page', () => {
  it('leaves an older gist of the bound account alone: nothing is reported, nothing shown', async () => {
    const older = await visit('gist', `/alice/${GIST_ID}`)
    expect(older.reports).toEqual([])
    expect(older.banners).toEqual([])

    // A form submitted for an earlier flow in this tab does not make it this flow's proof either.
    await createFromHelperForm({ ...TASK, flowId: 'flow-earlier' })
    expect((await visit('gist', `/alice/${GIST_ID}`)).reports).toEqual([])
  })

  it('reports the gist this tab just created from the helper-filled form, once', async () => {
    await createFromHelperForm()
    const created = await visit('gist', `/alice/${GIST_ID}`)
    expect(created.reports).toEqual([
      { method: 'reportPublished', params: { flowId: 'flow-g', proofLocation: GIST_ID, publishedText: PROOF } },
    ])
    // A reload of that page does not report it again.
    expect((await visit('gist', `/alice/${GIST_ID}`)).reports).toEqual([])
  })

  it('does not report a created gist whose file differs from the proof text, and says so', async () => {
    const task = { ...TASK, postText: PROOF.replace('"signature": "', '"signature": "X') }
    expect(task.postText).not.toBe(PROOF)
    await createFromHelperForm(task)
    const created = await visit('gist', `/alice/${GIST_ID}`, task)
    expect(created.reports).toEqual([])
    expect(created.banners.at(-1)).toEqual({
      tone: 'error',
      title: 'This gist is not the proof',
      text: `The file ${PROOF_FILE} in this gist differs from the proof text, so it was not submitted. Create a new public gist with the text unchanged.`,
    })
  })
})
