import { describe, expect, it } from 'vitest'
import { MOVED_MARK, movedStore } from './moved-store.js'
import { createMemoryStore } from './storage-ports.js'

describe('movedStore', () => {
  it('takes the keys over from the old store once, and never reads the old store again', async () => {
    const current = createMemoryStore()
    const previous = createMemoryStore({ settings: { autoLockMinutes: 5 }, other: 1 })
    const store = movedStore(current, previous, ['settings', 'dapp-permissions'])
    expect(await Promise.all([store.get('settings'), store.get('dapp-permissions')])).toEqual([
      { autoLockMinutes: 5 },
      undefined,
    ])
    expect(current.data.get(MOVED_MARK)).toBe(true)
    expect(previous.data.has('settings')).toBe(false)
    expect(previous.data.get('other')).toBe(1) // keys that did not move stay where they are
    // A page writes the old place afterwards (storage.local is writable by content scripts): nothing changes,
    // also for a key that was never set, and also after a restart (a new store over the same areas).
    await previous.set('settings', { autoLockMinutes: 999 })
    await previous.set('dapp-permissions', [{ origin: 'https://evil.example' }])
    const restarted = movedStore(current, previous, ['settings', 'dapp-permissions'])
    expect(await restarted.get('settings')).toEqual({ autoLockMinutes: 5 })
    expect(await restarted.get('dapp-permissions')).toBeUndefined()
  })

  it('keeps what the new store already holds, and writes and deletes there only', async () => {
    const current = createMemoryStore({ settings: { new: true } })
    const previous = createMemoryStore({ settings: { old: true } })
    const store = movedStore(current, previous, ['settings'])
    expect(await store.get('settings')).toEqual({ new: true })
    await store.set('settings', { newer: true })
    expect(current.data.get('settings')).toEqual({ newer: true })
    await store.setMany({ settings: { newest: true }, vault: 1 })
    expect([current.data.get('settings'), current.data.get('vault')]).toEqual([{ newest: true }, 1])
    expect([...previous.data.keys()]).toEqual([])
    await store.delete('settings')
    expect(await store.get('settings')).toBeUndefined()
    expect(previous.data.has('settings')).toBe(false)
  })
})
