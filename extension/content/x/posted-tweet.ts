/**
 * Finds the id of the tweet the user just posted (PLATFORMS.md §1.5): the "View" link of the toast
 * after posting, or a navigation to the new status page. Only statuses of the bound handle count.
 * X Premium's undo window may hold the post (and its link) back for up to about a minute (§1.7),
 * so this keeps looking without a deadline until it finds one.
 */
import { parseStatusPath, readToastStatus, type StatusRef } from './selectors.js'

/** The posted tweet's id as soon as the page shows it. */
export function findPostedTweetId(doc: Document, handle: string, url: () => string): string | undefined {
  const isOwn = (ref: StatusRef | undefined) => ref !== undefined && ref.handle.toLowerCase() === handle.toLowerCase()
  const toast = readToastStatus(doc)
  if (isOwn(toast)) return toast?.id
  const here = parseStatusPath(url())
  return isOwn(here) ? here?.id : undefined
}
