/**
 * The one approval window (chrome.windows; no permission needed): opened on the first pending
 * request, raised when already open — at most once per FOCUS_INTERVAL_MS, so a page firing request
 * after request cannot keep pulling the window over whatever the user is doing; closing it rejects
 * what it showed (4001).
 */
import { REJECTED } from './dapp-error.js'

export const APPROVAL_PATH = 'extension/popup/index.html#approval'
export const FOCUS_INTERVAL_MS = 5_000

/** Opens or raises the window; `onClosed` runs when the user closes it. */
export function createApprovalWindow(onClosed: () => void, now: () => number) {
  let windowId: number | undefined
  let opening: Promise<void> | undefined
  let raisedAt = Number.NEGATIVE_INFINITY

  chrome.windows.onRemoved.addListener((closed) => {
    if (closed !== windowId) return
    windowId = undefined
    onClosed()
  })

  async function open(): Promise<void> {
    if (windowId !== undefined) {
      try {
        if (now() - raisedAt < FOCUS_INTERVAL_MS) {
          await chrome.windows.get(windowId) // still open: it lists the new request by itself
          return
        }
        await chrome.windows.update(windowId, { focused: true })
        raisedAt = now()
        return
      } catch {
        windowId = undefined // closed without our listener seeing it (worker restarted)
      }
    }
    const created = await chrome.windows.create({
      url: chrome.runtime.getURL(APPROVAL_PATH),
      type: 'popup',
      width: 380,
      height: 640,
      focused: true,
    })
    windowId = created?.id
    raisedAt = now()
  }

  return {
    /** Shows the window; concurrent calls share one creation. */
    show(): Promise<void> {
      opening ??= open().finally(() => {
        opening = undefined
      })
      return opening
    },
  }
}

export const WINDOW_CLOSED = { code: REJECTED, message: 'the user closed the approval window' } as const
