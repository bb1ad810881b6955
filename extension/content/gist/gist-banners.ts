/**
 * What the gist helper's banner says at each point, as data (extension/content/page-banner.ts shows
 * it). Kept apart from the DOM work so every message is unit-tested. The copy actions are the
 * fallback when filling did not work or the user prefers to paste.
 */
import type { PublishStatus, PublishTask } from '../../messaging/catalogue.js'
import type { BannerAction, BannerContent } from '../page-banner.js'

export type CopyText = (text: string) => void

function copyActions(task: PublishTask, copy: CopyText): BannerAction[] {
  return [
    { label: 'Copy file name', run: () => copy(task.fileName) },
    { label: 'Copy content', run: () => copy(task.postText) },
  ]
}

/** The page shows no signed-in GitHub account. */
export function signInBanner(task: PublishTask): BannerContent {
  return {
    tone: 'info',
    title: 'Sign in to GitHub',
    text: `Sign in as ${task.identity} to create the Next.ID proof gist.`,
  }
}

/** The signed-in account is not the one being bound: nothing may be created. */
export function wrongAccountBanner(task: PublishTask, account: string, reason: string): BannerContent {
  return {
    tone: 'error',
    title: 'Wrong GitHub account',
    text: `You are signed in as ${account}, but this binding is for ${task.identity}. Creating a gist here is blocked.${reason ? `\n${reason}` : ''}`,
  }
}

/** The form holds the proof file; the user creates the gist. */
export function filledBanner(task: PublishTask, copy: CopyText): BannerContent {
  return {
    tone: 'info',
    title: 'Proof gist ready',
    text: `The file ${task.fileName} is filled in and the gist is set to public. Check it, then click "Create public gist".`,
    actions: copyActions(task, copy),
  }
}

/** The form could not be filled (unknown markup, or what it holds differs): copy and paste instead. */
export function fillFailedBanner(task: PublishTask, copy: CopyText): BannerContent {
  return {
    tone: 'error',
    title: 'Fill in the gist by hand',
    text: `The form could not be filled automatically. Name one file ${task.fileName}, paste the content, and create a PUBLIC gist.`,
    actions: copyActions(task, copy),
  }
}

/** A background call failed (the extension restarted, the flow is gone, …). */
export function helperErrorBanner(message: string): BannerContent {
  return { tone: 'error', title: 'Next.ID proof', text: message }
}

/** The gist was reported: what the flow says now. */
export function publishedBanner(status: PublishStatus): BannerContent {
  switch (status.step) {
    case 'done':
      return {
        tone: 'success',
        title: 'GitHub account bound',
        text: 'The proof gist was verified. You can close this tab.',
      }
    case 'failed':
      return { tone: 'error', title: 'Binding failed', text: status.error }
    default:
      return {
        tone: 'info',
        title: 'Proof gist submitted',
        text: status.error || 'Waiting for the service to see the gist; this tab can be closed.',
      }
  }
}

/** The gist page shows the owner's gist, but not the proof file the flow expects. */
export function missingFileBanner(task: PublishTask): BannerContent {
  return {
    tone: 'error',
    title: 'Proof file not found',
    text: `This gist has no file named ${task.fileName}. Create a public gist with that file.`,
  }
}
