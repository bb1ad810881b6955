/** Page object for the popup: opening it at 360×600, its common controls and screenshots. */
import path from 'node:path'
import { type BrowserContext, expect, type Page } from '@playwright/test'

// docs/screenshots/ is rewritten only on request (`npm run screenshots`), so a test run leaves the
// work tree clean; otherwise the pictures go to the ignored .tmp/ folder.
const ROOT = path.resolve(import.meta.dirname, '..', '..')
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.join(ROOT, 'docs', 'screenshots')
  : path.join(ROOT, '.tmp', 'screenshots')

/** Saves `<name>.png` (see SCREENSHOTS) once the page's fonts have loaded. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
}

export class PopupPage {
  constructor(readonly page: Page) {}

  /** Opens the popup's page in a new tab sized like the toolbar popup. */
  static async open(context: BrowserContext, extensionId: string): Promise<PopupPage> {
    const page = await context.newPage()
    await page.setViewportSize({ width: 360, height: 600 })
    await page.goto(`chrome-extension://${extensionId}/extension/popup/index.html`)
    return new PopupPage(page)
  }

  heading(name: string) {
    return this.page.getByRole('heading', { name, exact: true })
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true })
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true })
  }

  error() {
    return this.page.getByRole('alert')
  }

  async back() {
    await this.button('← Back').click()
  }

  async reload() {
    await this.page.reload()
  }

  /** Saves a screenshot of the popup (see SCREENSHOTS). */
  async screenshot(name: string) {
    await saveScreenshot(this.page, name)
  }

  async expectHeading(name: string) {
    await expect(this.heading(name)).toBeVisible()
  }
}
