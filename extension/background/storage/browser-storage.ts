/** The browser side of storage-ports.ts: idb-keyval, chrome.storage.{session,local}, chrome.alarms. */
import { del, get, set, setMany } from 'idb-keyval'
import type { LockAlarm, RecordStore } from './storage-ports.js'

export const AUTO_LOCK_ALARM = 'auto-lock'

/** IndexedDB through idb-keyval (its default database and store). */
export const indexedDbStore: RecordStore = {
  get: (key) => get(key),
  set: (key, value) => set(key, value),
  // idb-keyval puts every entry in one readwrite transaction.
  setMany: (entries) => setMany(Object.entries(entries)),
  delete: (key) => del(key),
}

/** A chrome.storage area as a RecordStore. storage.session stays at its MV3 default (trusted contexts only). */
export function storageAreaStore(area: chrome.storage.StorageArea): RecordStore {
  return {
    async get(key) {
      const items = await area.get(key)
      return items[key]
    },
    set: (key, value) => area.set({ [key]: value }),
    setMany: (entries) => area.set(entries),
    delete: (key) => area.remove(key),
  }
}

/** The auto-lock wake-up through chrome.alarms (it also fires after the worker was stopped). */
export const chromeLockAlarm: LockAlarm = {
  async set(when) {
    await chrome.alarms.create(AUTO_LOCK_ALARM, { when })
  },
  async clear() {
    await chrome.alarms.clear(AUTO_LOCK_ALARM)
  },
}
