import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApprovalWindow, FOCUS_INTERVAL_MS } from './approval-window.js'

/** A stand-in for chrome.windows: counts what the window was asked to do. */
function fakeWindows() {
  const calls = { created: 0, raised: 0 }
  let open: number | undefined
  const removed: ((id: number) => void)[] = []
  const windows = {
    onRemoved: { addListener: (listener: (id: number) => void) => void removed.push(listener) },
    create: async () => {
      calls.created++
      open = 40 + calls.created
      return { id: open }
    },
    update: async (id: number) => {
      if (id !== open) throw new Error('No window with id')
      calls.raised++
      return { id }
    },
    get: async (id: number) => {
      if (id !== open) throw new Error('No window with id')
      return { id }
    },
  }
  const close = () => {
    const id = open ?? -1
    open = undefined
    for (const listener of removed) listener(id)
  }
  return { windows, calls, close }
}

describe('createApprovalWindow', () => {
  let fake: ReturnType<typeof fakeWindows>
  beforeEach(() => {
    fake = fakeWindows()
    vi.stubGlobal('chrome', { windows: fake.windows, runtime: { getURL: (path: string) => `ext://${path}` } })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('opens one window, then raises it at most once per interval however many requests arrive', async () => {
    let time = 0
    let closed = 0
    const window = createApprovalWindow(
      () => void closed++,
      () => time,
    )
    await window.show()
    for (let i = 0; i < 40; i++) {
      time += 100
      await window.show()
    }
    expect(fake.calls).toEqual({ created: 1, raised: 0 }) // 4 s: within one interval of opening
    time += FOCUS_INTERVAL_MS
    await window.show()
    await window.show()
    expect(fake.calls).toEqual({ created: 1, raised: 1 })

    fake.close()
    expect(closed).toBe(1)
    await window.show() // a closed window opens again at once
    expect(fake.calls).toEqual({ created: 2, raised: 1 })
  })

  it('opens a new window when the one it knew is gone without a close event (a restarted worker)', async () => {
    const time = 0
    const window = createApprovalWindow(
      () => undefined,
      () => time,
    )
    await window.show()
    fake.windows.get = async () => {
      throw new Error('No window with id')
    }
    await window.show()
    expect(fake.calls.created).toBe(2)
  })
})
