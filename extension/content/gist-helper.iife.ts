/**
 * Runs in: content script (ISOLATED world) on gist.github.com, top frame, document_idle; built
 * standalone (`*.iife.ts`). The GitHub half of issue 5's proof-post helpers:
 * - on the new-gist form (`/`, `/new`) with a GitHub flow waiting: checks the signed-in login with
 *   the background (another account fails the flow and the create buttons are blocked), then fills
 *   in the proof file, makes the gist public and reads back what will be submitted;
 * - on the created gist `/<owner>/<id>` of the account being bound: reads the proof file as the page
 *   shows it and reports the gist id, which the background compares and submits.
 * The platform is never claimed here: the background takes it from the sender's URL.
 */
import type { PageHelperApi, PublishTask } from '../messaging/catalogue.js'
import { createBackgroundClient } from '../messaging/client.js'
import { blockCreate } from './gist/block-create.js'
import { fillNewGist } from './gist/fill-new-gist.js'
import {
  filledBanner,
  fillFailedBanner,
  helperErrorBanner,
  missingFileBanner,
  notWaitingBanner,
  publishedBanner,
  signInBanner,
  submittingBanner,
  wrongAccountBanner,
} from './gist/gist-banners.js'
import { findNewGistForm, readGistFile, readSignedInLogin } from './gist/gist-dom.js'
import { isNewGistPath, parseGistPath } from './gist/gist-url.js'
import { showBanner } from './page-banner.js'

const callBackground = createBackgroundClient<PageHelperApi>('page-helper')

const copy = (text: string) => void navigator.clipboard.writeText(text).catch(() => undefined)

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** The GitHub flow waiting to be published, or null (none, or the background cannot be reached). */
async function pendingTask(): Promise<PublishTask | null> {
  try {
    const task = await callBackground('getPublishTask')
    return task?.platform === 'github' ? task : null
  } catch {
    return null
  }
}

async function helpNewGist(task: PublishTask): Promise<void> {
  const login = readSignedInLogin(document)
  if (!login) {
    showBanner(signInBanner(task))
    return
  }
  const form = findNewGistForm(document)
  if (!sameLogin(login, task.identity)) {
    // Blocked before the round trip to the background: nothing may be created meanwhile.
    const banner = wrongAccountBanner(task, login, '')
    if (form) blockCreate(form.form, () => showBanner(banner), new AbortController().signal)
    showBanner(banner)
    // The background fails the flow with the reason the popup shows; the block stays either way.
    const status = await callBackground('reportAccount', { flowId: task.flowId, account: login }).catch(() => null)
    if (status?.error) showBanner(wrongAccountBanner(task, login, status.error))
    return
  }
  const status = await callBackground('reportAccount', { flowId: task.flowId, account: login })
  if (status.step !== 'publish') {
    showBanner(notWaitingBanner(status))
    return
  }
  if (!form) {
    showBanner(fillFailedBanner(task, copy))
    return
  }
  const { filled } = fillNewGist(form, task)
  showBanner(filled ? filledBanner(task, copy) : fillFailedBanner(task, copy))
}

async function reportGist(task: PublishTask, gist: { owner: string; id: string }): Promise<void> {
  // Someone else's gist proves nothing for this binding: stay silent.
  if (!sameLogin(gist.owner, task.identity)) return
  const text = readGistFile(document, task.fileName)
  if (text === null) {
    showBanner(missingFileBanner(task))
    return
  }
  showBanner(submittingBanner(gist.id))
  const status = await callBackground('reportPublished', {
    flowId: task.flowId,
    proofLocation: gist.id,
    publishedText: text,
  })
  showBanner(publishedBanner(status))
}

async function run(): Promise<void> {
  const gist = parseGistPath(location.pathname)
  if (!isNewGistPath(location.pathname) && !gist) return
  const task = await pendingTask()
  if (!task) return
  try {
    await (gist ? reportGist(task, gist) : helpNewGist(task))
  } catch (error) {
    showBanner(helperErrorBanner(error instanceof Error ? error.message : undefined))
  }
}

void run()
