/**
 * Finds the id of the tweet the user just posted (platforms.md §1.5): the "View" link of the toast
 * after posting, or a navigation to the new status page. Only statuses of the bound handle count,
 * and only ones that were not on the page when Post was clicked: a reply from the inline box of
 * the user's own status page leaves the address on the OLD status, and a toast of an earlier post
 * may still be showing. X Premium's undo window may hold the post (and its link) back for up to
 * about a minute (platforms.md §1.7), so this keeps looking without a deadline until it finds one.
 */
import { parseStatusPath, readToastStatuses, type StatusRef } from './selectors.js'

/** What the page showed when Post was clicked: none of it can be the new tweet. */
export type PagePostedBefore = { statusId: string | undefined; toastIds: ReadonlySet<string> }

/** Records the status page and the toast links present at Post time. */
export function recordBeforePost(doc: Document, url: string): PagePostedBefore {
  return {
    statusId: parseStatusPath(url)?.id,
    toastIds: new Set(readToastStatuses(doc).map((ref) => ref.id)),
  }
}

/** The posted tweet's id as soon as the page shows a new status of `handle`. */
export function findPostedTweetId(
  doc: Document,
  handle: string,
  url: () => string,
  before: PagePostedBefore,
): string | undefined {
  const isOwn = (ref: StatusRef | undefined): ref is StatusRef =>
    ref !== undefined && ref.handle.toLowerCase() === handle.toLowerCase()
  const toast = readToastStatuses(doc).find((ref) => isOwn(ref) && !before.toastIds.has(ref.id))
  if (toast) return toast.id
  const here = parseStatusPath(url())
  return isOwn(here) && here.id !== before.statusId ? here.id : undefined
}
