/**
 * What the X helper's banner says at each point, as data (extension/content/page-banner.ts shows
 * it). Kept apart from the DOM work so every message is unit-tested.
 */
import type { PublishStatus, PublishTask } from '../../messaging/catalogue.js'
import type { BannerContent } from '../page-banner.js'

export type CopyText = (text: string) => void

/** Before the page's account is known: nothing can be posted yet. */
export function checkingBanner(task: PublishTask): BannerContent {
  return {
    tone: 'info',
    title: `Binding @${task.identity}`,
    text: `Checking that this page is logged in as @${task.identity}. Posting waits until then.`,
  }
}

/** The page is logged in as someone else: the flow failed and Post is blocked. */
export function wrongAccountBanner(status: PublishStatus): BannerContent {
  return {
    tone: 'error',
    title: 'Wrong X account',
    text: `${status.error}\nPosting from this page is blocked, so nothing was posted.`,
  }
}

/** The composer holds the proof text (or the user pastes it); the user posts. */
export function readyBanner(task: PublishTask, filled: boolean, copy: CopyText): BannerContent {
  return {
    tone: 'info',
    title: `Post this tweet to bind @${task.identity}`,
    text: filled
      ? 'The proof text is in the composer. Post it unchanged; NextID Companion picks up the tweet by itself.'
      : 'Copy the proof text, paste it into the composer and post it unchanged.',
    actions: [{ label: 'Copy text', run: () => copy(task.postText) }],
  }
}

/** Post was clicked: waiting for X to show the new tweet's link (maybe after an undo window). */
export function waitingForTweetBanner(task: PublishTask): BannerContent {
  return {
    tone: 'info',
    title: 'Waiting for the tweet',
    text: `As soon as X shows the new tweet of @${task.identity}, NextID Companion submits it. Keep this tab open until then.`,
  }
}

/** The background's answer to the report. */
export function outcomeBanner(task: PublishTask, status: PublishStatus): BannerContent {
  switch (status.step) {
    case 'done':
      return {
        tone: 'success',
        title: `@${task.identity} is bound`,
        text: 'The service verified the tweet. The binding now shows in NextID Companion.',
      }
    case 'failed':
      return { tone: 'error', title: 'The binding failed', text: status.error }
    default:
      return {
        tone: 'info',
        title: 'Tweet sent, verifying',
        text: `The service does not see the tweet yet; NextID Companion keeps trying by itself, even if you close this tab.${status.error ? `\n${status.error}` : ''}`,
      }
  }
}

/** Something went wrong talking to the extension (e.g. it was reloaded). */
export function helperErrorBanner(message: string): BannerContent {
  return { tone: 'error', title: 'NextID Companion could not help on this page', text: message }
}
