/**
 * The toolbar popup closes as soon as a file picker opens (in Chrome; in Firefox on some systems),
 * and the chosen file is lost with it. So the screens that pick a file open in a tab of their own
 * when asked for from the toolbar popup — the same page, at `#<screen>` (routes.ts).
 */
import browser from 'webextension-polyfill'
import type { FileScreen } from './routes.js'

/**
 * Asked of the browser, not guessed from the window's size or a URL parameter: getViews lists the
 * toolbar popup's window under type 'popup' only, never a tab or the approval window showing the
 * same page. (e2e tests open the page in tabs, and open the real toolbar popup for this case.)
 */
export function isToolbarPopup(): boolean {
  return browser.extension.getViews({ type: 'popup' }).includes(window)
}

/** Opens this page at `#screen` in a new tab, then closes the popup (it would lose the focus anyway). */
export async function openInTab(screen: FileScreen): Promise<void> {
  await browser.tabs.create({ url: new URL(`#${screen}`, window.location.href).href })
  window.close()
}
