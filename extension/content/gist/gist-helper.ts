/**
 * The gist helper's steps (issue 5), apart from the page wiring in gist-helper.iife.ts so they run
 * in tests on the saved pages:
 * - on the new-gist form (`/`, `/new`) with a GitHub flow waiting: checks the signed-in login with
 *   the background (another account fails the flow and the create buttons are blocked), then fills
 *   in the proof file, makes the gist public, reads back what will be submitted, and marks the tab
 *   when the form is submitted;
 * - on a gist `/<owner>/<id>` of the account being bound that this tab just created from that form:
 *   reads the proof file as the page shows it and, when it holds the proof text, reports the gist
 *   id, which the background checks and submits. Any other gist page (an older attempt) is left alone.
 * The platform is never claimed here: the background takes it from the sender's URL.
 */
import { isSamePostText } from '../../../src/protocol/post-text.js'
import type { PageHelperApi, PublishTask } from '../../messaging/catalogue.js'
import type { createBackgroundClient } from '../../messaging/client.js'
import type { BannerContent } from '../page-banner.js'
import { blockCreate } from './block-create.js'
import { clearCreatedMark, markCreateOnSubmit, wasCreatedFor } from './created-marker.js'
import { fillNewGist, type Pause } from './fill-new-gist.js'
import {
  type CopyText,
  filledBanner,
  fillFailedBanner,
  helperErrorBanner,
  missingFileBanner,
  notWaitingBanner,
  publishedBanner,
  signInBanner,
  submittingBanner,
  textMismatchBanner,
  wrongAccountBanner,
} from './gist-banners.js'
import { findNewGistForm, readGistFile, readSignedInLogin } from './gist-dom.js'
import { isNewGistPath, parseGistPath } from './gist-url.js'

export type GistHelperEnv = {
  doc: Document
  pathname: string
  /** The tab's sessionStorage: carries the "created from the helper's form" mark over the POST. */
  storage: Storage
  call: ReturnType<typeof createBackgroundClient<PageHelperApi>>
  show: (banner: BannerContent) => void
  copy: CopyText
  /** Waits while the page's editor takes the text; tests pass a shorter one. */
  pause?: Pause
}

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** Runs the helper once on the page; a failed background call ends in the error banner. */
export async function runGistHelper(env: GistHelperEnv): Promise<void> {
  const gist = parseGistPath(env.pathname)
  if (!isNewGistPath(env.pathname) && !gist) return
  const task = await pendingTask(env)
  if (!task) return
  try {
    await (gist ? reportGist(env, task, gist) : helpNewGist(env, task))
  } catch (error) {
    env.show(helperErrorBanner(error instanceof Error ? error.message : undefined))
  }
}

/** The GitHub flow waiting to be published, or null (none, or the background cannot be reached). */
async function pendingTask(env: GistHelperEnv): Promise<PublishTask | null> {
  try {
    const task = await env.call('getPublishTask')
    return task?.platform === 'github' ? task : null
  } catch {
    return null
  }
}

async function helpNewGist(env: GistHelperEnv, task: PublishTask): Promise<void> {
  const { doc, show, copy } = env
  const login = readSignedInLogin(doc)
  if (!login) {
    show(signInBanner(task))
    return
  }
  const form = findNewGistForm(doc)
  if (!sameLogin(login, task.identity)) {
    // Blocked before the round trip to the background: nothing may be created meanwhile.
    const banner = wrongAccountBanner(task, login)
    if (form) blockCreate(form.form, () => show(banner))
    show(banner)
    // The background fails the flow, which the popup then shows; the block stays either way.
    await env.call('reportAccount', { flowId: task.flowId, account: login }).catch(() => null)
    return
  }
  const status = await env.call('reportAccount', { flowId: task.flowId, account: login })
  if (status.step !== 'publish') {
    show(notWaitingBanner(task, status))
    return
  }
  if (!form) {
    show(fillFailedBanner(task, copy))
    return
  }
  markCreateOnSubmit(form.form, task.flowId, env.storage)
  const { filled } = await fillNewGist(form, task, env.pause)
  show(filled ? filledBanner(task, copy) : fillFailedBanner(task, copy))
}

async function reportGist(env: GistHelperEnv, task: PublishTask, gist: { owner: string; id: string }): Promise<void> {
  // Someone else's gist, or one this tab did not just create for this flow, proves nothing here.
  if (!sameLogin(gist.owner, task.identity) || !wasCreatedFor(env.storage, task.flowId)) return
  const text = readGistFile(env.doc, task.fileName)
  if (text === null) {
    env.show(missingFileBanner(task))
    return
  }
  if (!isSamePostText(text, task.postText)) {
    env.show(textMismatchBanner(task))
    return
  }
  env.show(submittingBanner(gist.id))
  const status = await env.call('reportPublished', { flowId: task.flowId, proofLocation: gist.id, publishedText: text })
  clearCreatedMark(env.storage)
  env.show(publishedBanner(task, status))
}
