/**
 * What the X helper's banner says at each point, as data (extension/content/page-banner.ts shows
 * it). Kept apart from the DOM work so every message is unit-tested. The texts come from
 * messages.json (helperX…); reasons from the background are shown as they come.
 */
import type { PublishStatus, PublishTask } from '../../messaging/catalogue.js'
import { helperStatusText, helperText } from '../helper-i18n.js'
import type { BannerContent } from '../page-banner.js'

export type CopyText = (text: string) => void

/** Before the page's account is known: nothing can be posted yet. */
export function checkingBanner(task: PublishTask): BannerContent {
  return {
    tone: 'info',
    title: helperText('helperXCheckingTitle', task.identity),
    text: helperText('helperXCheckingText', task.identity),
  }
}

/** The page is logged in as someone else: the flow failed and Post is blocked. */
export function wrongAccountBanner(task: PublishTask, status: PublishStatus): BannerContent {
  return {
    tone: 'error',
    title: helperText('helperXWrongAccountTitle'),
    text: `${helperStatusText(task, status)}\n${helperText('helperXWrongAccountText')}`,
  }
}

/**
 * Where the composer stands: it holds the proof text and X enabled Post ('ready'), it holds the
 * text but X has not taken it yet ('post-disabled'), or the user pastes it ('paste').
 */
export type ComposerReadiness = 'ready' | 'post-disabled' | 'paste'

const READY_TEXT = {
  ready: 'helperXReadyFilledText',
  'post-disabled': 'helperXReadyPostDisabledText',
  paste: 'helperXReadyPasteText',
} as const

/** The composer holds the proof text (or the user pastes it); the user posts. */
export function readyBanner(task: PublishTask, readiness: ComposerReadiness, copy: CopyText): BannerContent {
  return {
    tone: 'info',
    title: helperText('helperXReadyTitle', task.identity),
    text: helperText(READY_TEXT[readiness]),
    actions: [{ label: helperText('helperXCopyTextAction'), run: () => copy(task.postText) }],
  }
}

/** Post was clicked: waiting for X to show the new tweet's link (maybe after an undo window). */
export function waitingForTweetBanner(task: PublishTask): BannerContent {
  return {
    tone: 'info',
    title: helperText('helperXWaitingTitle'),
    text: helperText('helperXWaitingText', task.identity),
  }
}

/** The background's answer to the report. */
export function outcomeBanner(task: PublishTask, status: PublishStatus): BannerContent {
  switch (status.step) {
    case 'done':
      return {
        tone: 'success',
        title: helperText('helperXDoneTitle', task.identity),
        text: helperText('helperXDoneText'),
      }
    case 'failed':
      return { tone: 'error', title: helperText('helperXFailedTitle'), text: helperStatusText(task, status) }
    default: {
      const detail = helperStatusText(task, status)
      return {
        tone: 'info',
        title: helperText('helperXVerifyingTitle'),
        text: `${helperText('helperXVerifyingText')}${detail ? `\n${detail}` : ''}`,
      }
    }
  }
}

/** Something went wrong talking to the extension (e.g. it was reloaded). */
export function helperErrorBanner(message: string): BannerContent {
  return { tone: 'error', title: helperText('helperXErrorTitle'), text: message }
}
