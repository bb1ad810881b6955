/**
 * The X helper's steps (issue 5), apart from the page wiring in x-helper.iife.ts so they run in
 * tests on the saved pages:
 *   1. asks the background for a flow waiting to be published on X (none: does nothing at all);
 *   2. blocks Post until the logged-in handle (platforms.md §1.4) is reported and matches; a wrong
 *      account fails the flow in the background and Post stays blocked, so nothing is posted from it;
 *   3. fills an empty composer with the proof text (the intent URL normally did), offers Copy;
 *   4. on a Post whose composer holds the proof text, waits for the NEW tweet's id (toast link or
 *      status URL, platforms.md §1.5) and reports both; any other Post is the user's business and goes through.
 * Post is released whenever the flow no longer waits for this page (posted, cleared, done) unless
 * the account is wrong: a stale flow never silently blocks X.
 */
import { isSamePostText } from '../../../src/protocol/post-text.js'
import type { PageHelperApi, PublishStatus, PublishTask } from '../../messaging/catalogue.js'
import type { createBackgroundClient } from '../../messaging/client.js'
import type { BannerContent } from '../page-banner.js'
import { fillComposer } from './composer-fill.js'
import { readLoggedInHandle, sameHandle } from './logged-in-account.js'
import { documentParsed, waitForValue, watchValue } from './page-watch.js'
import { installPostGuard, type PostGuard } from './post-guard.js'
import { findPostedTweetId, recordBeforePost } from './posted-tweet.js'
import { findComposer, findPostButtonFor, isPostEnabled, readComposerText } from './selectors.js'
import {
  type ComposerReadiness,
  type CopyText,
  checkingBanner,
  helperErrorBanner,
  outcomeBanner,
  readyBanner,
  waitingForTweetBanner,
  wrongAccountBanner,
} from './x-banners.js'

export type XHelperEnv = {
  doc: Document
  /** Where Post clicks and Ctrl/Cmd+Enter are caught before X's handlers (the window). */
  postTarget: EventTarget
  url: () => string
  call: ReturnType<typeof createBackgroundClient<PageHelperApi>>
  show: (banner: BannerContent) => void
  copy: CopyText
}

/** Runs the helper on one page until `signal` aborts; rejects (Post released) when the background fails. */
export async function runXHelper(env: XHelperEnv, signal: AbortSignal): Promise<void> {
  const task = await env.call('getPublishTask')
  if (!task) return
  const guard = installPostGuard(env.postTarget, signal)
  try {
    await helpPublish(env, task, guard, signal)
  } catch (error) {
    // The helper cannot follow the flow any more: the page is the user's again.
    guard.allow(() => undefined)
    throw error
  }
}

async function helpPublish(env: XHelperEnv, task: PublishTask, guard: PostGuard, signal: AbortSignal): Promise<void> {
  const { doc, call, show } = env
  // Watching the account ends when the proof is posted: after that the user may switch freely.
  const watching = new AbortController()
  signal.addEventListener('abort', () => watching.abort(signal.reason))
  let reporting = false
  const onPost = (handle: string) => () => {
    if (reporting || !startReport(env, task, handle, signal)) return
    reporting = true
    watching.abort()
    guard.allow(() => undefined) // later Posts (other tweets) are the user's business
  }
  /** Follows the background's answer about the account: Post for the proof, free, or blocked. */
  const settle = (status: PublishStatus, handle: string): boolean => {
    if (status.step === 'publish') {
      guard.allow(onPost(handle))
      return true
    }
    if (status.status?.code === 'wrong-account') {
      show(wrongAccountBanner(task, status))
      return false
    }
    guard.allow(() => undefined)
    show(outcomeBanner(task, status))
    watching.abort()
    return false
  }

  show(checkingBanner(task))
  let reported = await waitForValue(doc, () => readLoggedInHandle(doc, task.identity), signal)
  if (!settle(await call('reportAccount', { flowId: task.flowId, account: reported }), reported)) return
  // X can switch accounts without a reload: report a different handle; a wrong one fails the flow.
  watchValue(
    doc,
    () => readLoggedInHandle(doc, task.identity),
    (next) => {
      if (next === undefined || sameHandle(next, reported) || reporting) return
      reported = next
      guard.block()
      call('reportAccount', { flowId: task.flowId, account: next })
        .then((again) => reporting || settle(again, next))
        .catch((error: unknown) => {
          guard.allow(() => undefined)
          show(helperErrorBanner(messageOf(error)))
        })
    },
    watching.signal,
  )
  await offerProofText(env, task, () => reporting, signal)
}

/**
 * The compose intent pre-fills the composer itself (X's app renders it after load): there, only
 * watch. Elsewhere fill an empty composer once. The banner follows what the composer holds.
 */
async function offerProofText(
  env: XHelperEnv,
  task: PublishTask,
  isReporting: () => boolean,
  signal: AbortSignal,
): Promise<void> {
  const { doc } = env
  await documentParsed(doc)
  const composer = await waitForValue(doc, () => findComposer(doc), signal)
  const url = new URL(env.url())
  const isIntent = /^\/intent\/(tweet|post)$/.test(url.pathname) && url.searchParams.has('text')
  if (!isIntent) fillComposer(composer, task.postText)
  // Ready only when what the user sees is the proof and X's own Post button will post it.
  const readiness = (): ComposerReadiness => {
    const current = findComposer(doc)
    if (current === undefined || !isSamePostText(readComposerText(current), task.postText)) return 'paste'
    const post = findPostButtonFor(current)
    return post && isPostEnabled(post) ? 'ready' : 'post-disabled'
  }
  if (isReporting()) return
  env.show(readyBanner(task, readiness(), env.copy))
  watchValue(doc, readiness, (next) => isReporting() || env.show(readyBanner(task, next, env.copy)), signal)
}

/**
 * Post was clicked (the composer still holds the text). Only the proof text makes this Post the
 * proof: then wait for the new tweet's id and report once, and answer true.
 */
function startReport(env: XHelperEnv, task: PublishTask, handle: string, signal: AbortSignal): boolean {
  const composer = findComposer(env.doc)
  const publishedText = composer ? readComposerText(composer) : ''
  if (!isSamePostText(publishedText, task.postText)) return false
  const before = recordBeforePost(env.doc, env.url())
  env.show(waitingForTweetBanner(task))
  waitForValue(env.doc, () => findPostedTweetId(env.doc, handle, env.url, before), signal)
    .then((proofLocation) => env.call('reportPublished', { flowId: task.flowId, proofLocation, publishedText }))
    .then((status) => env.show(outcomeBanner(task, status)))
    .catch((error: unknown) => signal.aborted || env.show(helperErrorBanner(messageOf(error))))
  return true
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
