/**
 * Runs in: content script (ISOLATED world) on x.com / twitter.com (and their mobile hosts), top
 * frame only, document_start; built standalone (`*.iife.ts`) so its Post guard is in place before
 * X's app loads. Issue 5's X helper:
 *   1. asks the background for a flow waiting to be published on X (none: does nothing at all);
 *   2. blocks Post until the logged-in handle (PLATFORMS.md §1.4) is reported and matches; a wrong
 *      account fails the flow in the background and Post stays blocked, so nothing is posted;
 *   3. fills an empty composer with the proof text (the intent URL normally did), offers Copy;
 *   4. on Post, remembers the composer's text, waits for the new tweet's id (toast link or status
 *      URL, §1.5) and reports both; the background compares the text and submits.
 * The background decides everything from the sender's URL; this script only reads and reports.
 */
import type { PageHelperApi, PublishStatus, PublishTask } from '../messaging/catalogue.js'
import { createBackgroundClient } from '../messaging/client.js'
import { showBanner } from './page-banner.js'
import { fillComposer, isSameText } from './x/composer-fill.js'
import { documentParsed, waitForValue, watchValue } from './x/page-watch.js'
import { installPostGuard, type PostGuard } from './x/post-guard.js'
import { findPostedTweetId } from './x/posted-tweet.js'
import { findComposer, readComposerText, readLoggedInHandle } from './x/selectors.js'
import {
  checkingBanner,
  helperErrorBanner,
  outcomeBanner,
  readyBanner,
  waitingForTweetBanner,
  wrongAccountBanner,
} from './x/x-banners.js'

const call = createBackgroundClient<PageHelperApi>('page-helper')
const copy = (text: string) => void navigator.clipboard.writeText(text).catch(() => undefined)

async function run(signal: AbortSignal): Promise<void> {
  const task = await call('getPublishTask')
  if (!task) return
  const guard = installPostGuard(window, signal)
  showBanner(checkingBanner(task))
  const handle = await waitForValue(document, () => readLoggedInHandle(document), signal)
  const status = await call('reportAccount', { flowId: task.flowId, account: handle })
  if (status.step !== 'publish') return showStopped(task, status)
  // X can switch accounts without a reload: report every new handle; a wrong one fails the flow.
  watchValue(
    document,
    () => readLoggedInHandle(document),
    (next) => {
      if (next === undefined) return
      guard.block()
      void call('reportAccount', { flowId: task.flowId, account: next }).then((again) =>
        again.step === 'publish' ? guard.allow(() => onPost(task, next, guard, signal)) : showStopped(task, again),
      )
    },
    signal,
  )
  guard.allow(() => onPost(task, handle, guard, signal))
  await offerProofText(task, signal)
}

/**
 * The compose intent pre-fills the composer itself (X's app renders it after load): there, only
 * watch. Elsewhere fill an empty composer once. The banner follows what the composer holds.
 */
async function offerProofText(task: PublishTask, signal: AbortSignal): Promise<void> {
  await documentParsed(document)
  const composer = await waitForValue(document, () => findComposer(document), signal)
  const isIntent = /^\/intent\/(tweet|post)$/.test(location.pathname) && new URL(location.href).searchParams.has('text')
  if (!isIntent) fillComposer(composer, task.postText)
  const holdsProof = () => {
    const current = findComposer(document)
    return current !== undefined && isSameText(readComposerText(current), task.postText)
  }
  if (reporting) return
  showBanner(readyBanner(task, holdsProof(), copy))
  watchValue(document, holdsProof, (filled) => reporting || showBanner(readyBanner(task, filled, copy)), signal)
}

function showStopped(task: PublishTask, status: PublishStatus): void {
  showBanner(status.error.startsWith('wrong account') ? wrongAccountBanner(status) : outcomeBanner(task, status))
}

let reporting = false

/** Post was clicked (the composer still holds the text): wait for the tweet's id, then report once. */
function onPost(task: PublishTask, handle: string, guard: PostGuard, signal: AbortSignal): void {
  const composer = findComposer(document)
  const publishedText = composer ? readComposerText(composer) : ''
  if (reporting || publishedText.trim() === '') return
  reporting = true
  guard.allow(() => undefined) // later Posts (other tweets) are the user's business
  showBanner(waitingForTweetBanner(task))
  waitForValue(document, () => findPostedTweetId(document, handle, () => location.href), signal)
    .then((proofLocation) => call('reportPublished', { flowId: task.flowId, proofLocation, publishedText }))
    .then((status) => showBanner(outcomeBanner(task, status)))
    .catch((error: unknown) => showBanner(helperErrorBanner(messageOf(error))))
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

const controller = new AbortController()
run(controller.signal).catch((error: unknown) => {
  if (!controller.signal.aborted) showBanner(helperErrorBanner(messageOf(error)))
})
