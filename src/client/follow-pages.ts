/** Walks a paged ProofService listing (§4.6, §4.8) by `pagination.next` until it is 0. */
import { InvalidResponseError } from '../errors.js'
import type { Pagination } from './types.js'

/** One fetched page: its pagination, its items, and the URL it came from (for errors). */
export type FetchedPage<T> = { pagination: Pagination; items: T[]; url: string }

/**
 * Yields the items of every page from `firstPage` on. A `next` that does not move forward would
 * make the walk repeat pages forever, so it is treated as a broken server.
 */
export async function* followPages<T>(
  fetchPage: (page: number) => Promise<FetchedPage<T>>,
  firstPage: number,
): AsyncGenerator<T, void, undefined> {
  let page = firstPage
  for (;;) {
    const { pagination, items, url } = await fetchPage(page)
    yield* items
    const { next } = pagination
    if (next === 0) return
    if (next <= page) {
      throw new InvalidResponseError(url, `pagination.next is ${next} on page ${page}; pages would repeat`)
    }
    page = next
  }
}
