/**
 * What the gist helper's banner says at each point, as data (extension/content/page-banner.ts shows
 * it). Kept apart from the DOM work so every message is unit-tested. The copy actions are the
 * fallback when filling did not work or the user prefers to paste. The texts come from
 * messages.json (helperGist…, and status… for the background's status codes).
 */
import type { PublishStatus, PublishTask } from '../../messaging/catalogue.js'
import { helperStatusText, helperText } from '../helper-i18n.js'
import type { BannerAction, BannerContent } from '../page-banner.js'

export type CopyText = (text: string) => void

function copyActions(task: PublishTask, copy: CopyText): BannerAction[] {
  return [
    { label: helperText('helperGistCopyFileNameAction'), run: () => copy(task.fileName) },
    { label: helperText('helperGistCopyContentAction'), run: () => copy(task.postText) },
  ]
}

/** The page shows no signed-in GitHub account. */
export function signInBanner(task: PublishTask): BannerContent {
  return {
    tone: 'info',
    title: helperText('helperGistSignInTitle'),
    text: helperText('helperGistSignInText', task.identity),
  }
}

/** The signed-in account is not the one being bound: nothing may be created. */
export function wrongAccountBanner(task: PublishTask, account: string): BannerContent {
  return {
    tone: 'error',
    title: helperText('helperGistWrongAccountTitle'),
    text: helperText('helperGistWrongAccountText', account, task.identity),
  }
}

/** The form holds the proof file; the user creates the gist. */
export function filledBanner(task: PublishTask, copy: CopyText): BannerContent {
  return {
    tone: 'info',
    title: helperText('helperGistFilledTitle'),
    text: helperText('helperGistFilledText', task.fileName),
    actions: copyActions(task, copy),
  }
}

/** The form could not be filled (unknown markup, or what it holds differs): copy and paste instead. */
export function fillFailedBanner(task: PublishTask, copy: CopyText): BannerContent {
  return {
    tone: 'error',
    title: helperText('helperGistFillFailedTitle'),
    text: helperText('helperGistFillFailedText', task.fileName),
    actions: copyActions(task, copy),
  }
}

/** A background call failed (the extension restarted, the flow is gone, …); no message: no answer. */
export function helperErrorBanner(message?: string): BannerContent {
  return {
    tone: 'error',
    title: helperText('helperGistErrorTitle'),
    text: message || helperText('helperGistNoAnswerText'),
  }
}

/** The account checked out, but the flow moved on (failed, cancelled, …) before the gist was made. */
export function notWaitingBanner(task: PublishTask, status: PublishStatus): BannerContent {
  return helperErrorBanner(helperStatusText(task, status) || helperText('helperGistNotWaitingText', status.step))
}

/** The owner's gist with the proof file is shown: its id goes to the background for checking. */
export function submittingBanner(gistId: string): BannerContent {
  return {
    tone: 'info',
    title: helperText('helperGistSubmittingTitle'),
    text: helperText('helperGistSubmittingText', gistId),
  }
}

/** The gist was reported: what the flow says now. */
export function publishedBanner(task: PublishTask, status: PublishStatus): BannerContent {
  switch (status.step) {
    case 'done':
      return {
        tone: 'success',
        title: helperText('helperGistDoneTitle'),
        text: helperText('helperGistDoneText'),
      }
    case 'failed':
      return { tone: 'error', title: helperText('helperGistFailedTitle'), text: helperStatusText(task, status) }
    default:
      return {
        tone: 'info',
        title: helperText('helperGistSubmittedTitle'),
        text: helperStatusText(task, status) || helperText('helperGistSubmittedText'),
      }
  }
}

/** The gist page shows the owner's gist, but not the proof file the flow expects. */
export function missingFileBanner(task: PublishTask): BannerContent {
  return {
    tone: 'error',
    title: helperText('helperGistMissingFileTitle'),
    text: helperText('helperGistMissingFileText', task.fileName),
  }
}

/** The proof file of the gist just created differs from the proof text: not submitted. */
export function textMismatchBanner(task: PublishTask): BannerContent {
  return {
    tone: 'error',
    title: helperText('helperGistTextMismatchTitle'),
    text: helperText('helperGistTextMismatchText', task.fileName),
  }
}
