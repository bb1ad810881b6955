/**
 * Records that moved from one store to another (issue 14: settings and site permissions from
 * storage.local, which every content-script world can write, into the extension's IndexedDB, which
 * only its own pages and worker reach). On first use the keys are taken over once — copied where
 * the new store has none, deleted from the old one — and a mark is written; from then on the old
 * store is never read for them, so whatever a page writes there changes nothing.
 */
import type { RecordStore } from './storage-ports.js'

/** The mark in the new store that the take-over ran. */
export const MOVED_MARK = 'moved-from-storage-local/v1'

/** `current`, after taking `keys` over from `previous` once (the first call of any method waits for it). */
export function movedStore(current: RecordStore, previous: RecordStore, keys: readonly string[]): RecordStore {
  let takenOver: Promise<void> | undefined

  const takeOver = async () => {
    if ((await current.get(MOVED_MARK)) === true) return
    for (const key of keys) {
      const earlier = await previous.get(key)
      if (earlier !== undefined && (await current.get(key)) === undefined) await current.set(key, earlier)
      await previous.delete(key)
    }
    await current.set(MOVED_MARK, true)
  }
  const ready = () => {
    takenOver ??= takeOver().catch((error: unknown) => {
      takenOver = undefined // tried again on the next call
      throw error
    })
    return takenOver
  }

  return {
    async get(key) {
      await ready()
      return current.get(key)
    },
    async set(key, value) {
      await ready()
      await current.set(key, value)
    },
    async setMany(entries) {
      await ready()
      await current.setMany(entries)
    },
    async delete(key) {
      await ready()
      await current.delete(key)
    },
  }
}
