/**
 * The storage the background needs, as small interfaces: the browser adapters live in
 * browser-storage.ts, and unit tests pass in-memory ones, so the wallet logic runs in Node.
 */

/** A key-value store of structured-clonable records (idb-keyval in the extension). */
export type RecordStore = {
  get(key: string): Promise<unknown>
  set(key: string, value: unknown): Promise<void>
  /** Writes every entry in one transaction: all of them or none (a restored backup's records). */
  setMany(entries: Record<string, unknown>): Promise<void>
  delete(key: string): Promise<void>
}

/** Schedules the auto-lock wake-up (chrome.alarms in the extension). */
export type LockAlarm = {
  set(when: number): Promise<void>
  clear(): Promise<void>
}

/** A RecordStore in memory, for tests and as a model of the contract. */
export function createMemoryStore(initial: Record<string, unknown> = {}): RecordStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    async get(key) {
      return structuredClone(data.get(key))
    },
    async set(key, value) {
      data.set(key, structuredClone(value))
    },
    async setMany(entries) {
      const copies = structuredClone(entries)
      for (const [key, value] of Object.entries(copies)) data.set(key, value)
    },
    async delete(key) {
      data.delete(key)
    },
  }
}
