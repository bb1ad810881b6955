/**
 * The real toolbar popup, opened the way the toolbar button opens it (chrome.action.openPopup from
 * the service worker). Playwright does not attach to that popup, so it is driven from another page
 * of the extension in a tab, which reaches the popup's window as the popup's own code does:
 * chrome.extension.getViews({ type: 'popup' }).
 */
import { expect, type Page, type Worker } from '@playwright/test'

export class ToolbarPopup {
  private constructor(readonly from: Page) {}

  /** Opens the toolbar popup over `from`, an extension page, which then drives it. */
  static async open(serviceWorker: Worker, from: Page): Promise<ToolbarPopup> {
    await from.bringToFront()
    // In `from`'s window: the last focused one may be a window without a toolbar (the approval window).
    const windowId = await from.evaluate(async () => (await chrome.windows.getCurrent()).id)
    await serviceWorker.evaluate((id) => chrome.action.openPopup(id === undefined ? {} : { windowId: id }), windowId)
    const popup = new ToolbarPopup(from)
    await expect.poll(() => popup.isOpen()).toBe(true)
    return popup
  }

  isOpen(): Promise<boolean> {
    return this.from.evaluate(() => chrome.extension.getViews({ type: 'popup' }).length === 1)
  }

  /** Clicks the popup's button whose text starts with `name`, once the popup shows it. */
  async click(name: string): Promise<void> {
    const clicked = () =>
      this.from.evaluate((name) => {
        const [view] = chrome.extension.getViews({ type: 'popup' })
        const buttons = [...(view?.document.querySelectorAll('button') ?? [])]
        const button = buttons.find((candidate) => candidate.textContent?.trim().startsWith(name))
        button?.click()
        return button !== undefined
      }, name)
    await expect.poll(clicked, { message: `the toolbar popup's button "${name}"` }).toBe(true)
  }
}
