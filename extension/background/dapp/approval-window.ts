/**
 * The one approval window (chrome.windows; no permission needed): opened on the first pending
 * request, focused when already open; closing it rejects what it showed (4001).
 */
import { REJECTED } from './dapp-error.js'

export const APPROVAL_PATH = 'extension/popup/index.html#approval'

/** Opens or focuses the window; `onClosed` runs when the user closes it. */
export function createApprovalWindow(onClosed: () => void) {
  let windowId: number | undefined
  let opening: Promise<void> | undefined

  chrome.windows.onRemoved.addListener((closed) => {
    if (closed !== windowId) return
    windowId = undefined
    onClosed()
  })

  async function open(): Promise<void> {
    if (windowId !== undefined) {
      try {
        await chrome.windows.update(windowId, { focused: true })
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
