/** Page object for the popup: opening it at 360×600, its common controls and screenshots. */
import path from 'node:path'
import { type BrowserContext, expect, type Page } from '@playwright/test'

export const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots')

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

  /** Saves docs/screenshots/<name>.png once the page has settled. */
  async screenshot(name: string) {
    await this.page.evaluate(() => document.fonts.ready)
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
  }

  async expectHeading(name: string) {
    await expect(this.heading(name)).toBeVisible()
  }
}
