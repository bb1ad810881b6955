// @vitest-environment happy-dom
/**
 * The X helper's steps on the saved x.com pages, with the background answering through the same
 * PageHelperApi calls the real one serves (recorded here): which Posts are taken as the proof,
 * when Post is blocked, and which tweet id is reported.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stubEnglishMessages } from '../../../test/support/extension/english-messages.js'
import { loadXFixture } from '../../../test/support/extension/x-fixture-pages.js'
import type { PageHelperApi, PublishStatus, PublishTask } from '../../messaging/catalogue.js'
import { BackgroundError } from '../../messaging/client.js'
import type { BannerContent } from '../page-banner.js'
import { findComposer, readComposerText, type XPageFixture } from './selectors.js'
import { runXHelper, type XHelperEnv } from './x-helper.js'

vi.mock('../../messaging/client.js', () => ({
  BackgroundError: class BackgroundError extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message)
    }
  },
}))

const OWN_STATUS = 'https://x.com/alice/status/1747300000000000001'
const PUBLISHING: PublishStatus = { step: 'publish', status: null }
const WRONG: PublishStatus = { step: 'failed', status: { code: 'wrong-account', account: 'mallory' } }

type Call = { method: keyof PageHelperApi; params: unknown }

/** The helper on a saved page; `answerAccount` is the background's answer to each reported handle. */
function start(
  page: XPageFixture,
  url: string,
  answerAccount: (account: string) => Promise<PublishStatus> = async () => PUBLISHING,
) {
  const doc = loadXFixture(page)
  // happy-dom has no execCommand: the helper's own fill fails, as on a page where X refuses it.
  Object.assign(doc, { execCommand: () => false })
  const proof = readComposerText(findComposer(loadXFixture('intent')) as HTMLElement)
  const task: PublishTask = { flowId: 'flow-x', platform: 'twitter', identity: 'alice', postText: proof, fileName: '' }
  const calls: Call[] = []
  const banners: BannerContent[] = []
  const call = (async (method: keyof PageHelperApi, params?: unknown) => {
    calls.push({ method, params })
    if (method === 'getPublishTask') return task
    if (method === 'reportAccount') return answerAccount((params as { account: string }).account)
    return { step: 'done', status: null } satisfies PublishStatus
  }) as XHelperEnv['call']
  const controller = new AbortController()
  const env: XHelperEnv = { doc, postTarget: doc, url: () => url, call, show: (b) => banners.push(b), copy: () => {} }
  const run = runXHelper(env, controller.signal)
  const reported = (method: keyof PageHelperApi) => calls.filter((entry) => entry.method === method)
  /** Clicks the page's Post button; answers whether the click went through to X. */
  const post = () => {
    const label = doc.querySelector(
      'button[data-testid="tweetButton"] span span, button[data-testid="tweetButtonInline"] span span',
    )
    if (!label) throw new Error('no Post button on the page')
    return label.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
  }
  const switchTo = (handle: string) =>
    doc
      .querySelector('[data-testid^="UserAvatar-Container-"]')
      ?.setAttribute('data-testid', `UserAvatar-Container-${handle}`)
  const addToast = (id: string) => {
    const toast = doc.createElement('div')
    toast.setAttribute('data-testid', 'toast')
    toast.innerHTML = `<a href="/alice/status/${id}">View</a>`
    doc.body.append(toast)
  }
  /** Replaces what the composer holds, one Draft.js block per line. */
  const type = (text: string) => {
    const contents = findComposer(doc)?.querySelector('[data-contents="true"]') as HTMLElement
    contents.replaceChildren(
      ...text.split('\n').map((line) => {
        const block = doc.createElement('div')
        block.setAttribute('data-block', 'true')
        block.textContent = line
        return block
      }),
    )
  }
  const ready = () => vi.waitFor(() => expect(banners.at(-1)?.title).toContain('Post this tweet'))
  return { doc, task, calls, banners, run, controller, reported, post, switchTo, addToast, type, ready }
}

/** Lets pending promise callbacks and mutation observers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

beforeEach(() => stubEnglishMessages())
afterEach(() => vi.unstubAllGlobals())

describe('runXHelper', () => {
  it('blocks Post until the handle is checked, then reports the proof post with the new tweet id', async () => {
    let answer: (status: PublishStatus) => void = () => {}
    const x = start('intent', 'https://x.com/intent/tweet?text=x', () => new Promise((resolve) => (answer = resolve)))
    await vi.waitFor(() => expect(x.reported('reportAccount')).toHaveLength(1))
    expect(x.post()).toBe(false)
    answer(PUBLISHING)
    await x.ready()
    expect(x.post()).toBe(true)
    x.addToast('1790000000000000001')
    await vi.waitFor(() =>
      expect(x.reported('reportPublished')).toEqual([
        {
          method: 'reportPublished',
          params: { flowId: 'flow-x', proofLocation: '1790000000000000001', publishedText: x.task.postText },
        },
      ]),
    )
  })

  it('says ready only once X enables Post for the proof text the composer shows', async () => {
    const x = start('home', 'https://x.com/home')
    await x.ready()
    const button = x.doc.querySelector('button[data-testid="tweetButtonInline"]') as HTMLButtonElement
    expect(button.disabled).toBe(true) // the saved page's X has not taken any text
    expect(x.banners.at(-1)?.text).toMatch(/^Copy the proof text/)
    x.type(x.task.postText) // the text shows, but X's state does not hold it yet
    await vi.waitFor(() => expect(x.banners.at(-1)?.text).toMatch(/but X has not enabled Post yet/))
    button.disabled = false // X took it
    button.removeAttribute('aria-disabled')
    await vi.waitFor(() =>
      expect(x.banners.at(-1)?.text).toMatch(/^The proof text is in the composer\. Post it unchanged/),
    )
    x.controller.abort()
  })

  it('lets an unrelated Post through without reporting it, and still takes the proof post after it', async () => {
    const x = start('home', 'https://x.com/home')
    await x.ready()
    x.type('gm, nothing to do with a proof')
    expect(x.post()).toBe(true)
    x.addToast('1790000000000000002')
    await settle()
    expect(x.reported('reportPublished')).toEqual([])

    x.type(x.task.postText)
    expect(x.post()).toBe(true)
    x.addToast('1790000000000000003')
    await vi.waitFor(() =>
      expect(x.reported('reportPublished')).toMatchObject([{ params: { proofLocation: '1790000000000000003' } }]),
    )
  })

  it('does not take the status a reply was posted from on the own status page', async () => {
    const x = start('status', OWN_STATUS)
    await x.ready()
    x.type(x.task.postText)
    expect(x.post()).toBe(true)
    await settle()
    expect(x.reported('reportPublished')).toEqual([])
    x.addToast('1790000000000000004')
    await vi.waitFor(() =>
      expect(x.reported('reportPublished')).toMatchObject([{ params: { proofLocation: '1790000000000000004' } }]),
    )
  })

  it('after the proof was posted, a handle change is not reported and never blocks Post', async () => {
    const x = start('intent', 'https://x.com/intent/tweet?text=x')
    await x.ready()
    expect(x.post()).toBe(true)
    x.switchTo('mallory')
    await settle()
    expect(x.reported('reportAccount')).toHaveLength(1)
    expect(x.post()).toBe(true)
  })

  it('re-reports only a different handle (not the same one showing up again)', async () => {
    const x = start('intent', 'https://x.com/intent/tweet?text=x', async (account) =>
      account === 'mallory' ? WRONG : PUBLISHING,
    )
    await x.ready()
    const avatar = x.doc.querySelector('[data-testid^="UserAvatar-Container-"]') as Element
    const parent = avatar.parentElement as Element
    avatar.remove()
    await settle()
    parent.append(avatar)
    x.switchTo('ALICE')
    await settle()
    expect(x.reported('reportAccount')).toHaveLength(1)
    x.type('gm')
    expect(x.post()).toBe(true)

    // A wrong account keeps Post blocked: nothing is posted from it.
    x.switchTo('mallory')
    await vi.waitFor(() => expect(x.banners.at(-1)?.title).toBe('Wrong X account'))
    expect(x.banners.at(-1)?.text).toBe(
      'This page is logged in as @mallory, but the binding is for @alice. Log in as @alice, then Start again.\nPosting from this page is blocked, so nothing was posted.',
    )
    expect(x.reported('reportAccount')).toHaveLength(2)
    expect(x.post()).toBe(false)
  })

  it('decides a wrong account by the status code: another failure shows its outcome and releases Post', async () => {
    const x = start('intent', 'https://x.com/intent/tweet?text=x', async () => ({
      step: 'failed',
      status: { code: 'text-mismatch' },
    }))
    await vi.waitFor(() => expect(x.banners.at(-1)?.title).toBe('The binding failed'))
    expect(x.banners.at(-1)).toEqual({
      tone: 'error',
      title: 'The binding failed',
      text: 'The posted text differs from the proof text, so the service will not accept it. Delete that post, then Start again and post the text unchanged.',
    })
    expect(x.banners.map((banner) => banner.title)).not.toContain('Wrong X account')
    expect(x.post()).toBe(true)
    expect(x.reported('reportPublished')).toEqual([])
  })

  it('releases Post when the flow is gone or no longer waits for this page', async () => {
    const gone = start('intent', 'https://x.com/intent/tweet?text=x', async (account) => {
      if (account === 'alice') return PUBLISHING
      throw new BackgroundError('NOT_FOUND', 'binding flow not found')
    })
    await gone.ready()
    gone.switchTo('alice_2')
    await vi.waitFor(() => expect(gone.banners.at(-1)?.text).toBe('binding flow not found'))
    expect(gone.post()).toBe(true)
    expect(gone.reported('reportPublished')).toEqual([])

    const done = start('home', 'https://x.com/home', async () => ({ step: 'done', status: null }))
    await vi.waitFor(() => expect(done.banners.at(-1)?.tone).toBe('success'))
    expect(done.post()).toBe(true)
  })
})
