/** Page objects for the dApp approval window (the popup page at #approval) and the connected-sites screen. */
import { type BrowserContext, expect, type Page } from '@playwright/test'
import { saveScreenshot } from './popup-page.js'

export class ApprovalWindow {
  constructor(readonly page: Page) {}

  /** Waits for the background to open the approval window (a new page at …/index.html#approval). */
  static async waitFor(context: BrowserContext): Promise<ApprovalWindow> {
    const open = context.pages().find((page) => page.url().endsWith('#approval'))
    const page = open ?? (await context.waitForEvent('page', (page) => page.url().endsWith('#approval')))
    await page.waitForLoadState('domcontentloaded')
    return new ApprovalWindow(page)
  }

  card() {
    return this.page.getByTestId('approval')
  }

  origin() {
    return this.page.getByTestId('approval-origin')
  }

  position() {
    return this.page.getByTestId('approval-position')
  }

  message() {
    return this.page.getByTestId('approval-message')
  }

  diff() {
    return this.page.getByTestId('kv-diff')
  }

  /** The request on screen is of `kind` ('connect' | 'signIn' | 'signMessage' | 'kvSet') from `origin`. */
  async expectRequest(kind: string, origin: string) {
    await expect(this.card()).toHaveAttribute('data-kind', kind)
    await expect(this.origin()).toHaveText(origin)
  }

  async approve() {
    await this.page.getByRole('button', { name: 'Approve', exact: true }).click()
  }

  async reject() {
    await this.page.getByRole('button', { name: 'Reject', exact: true }).click()
  }

  async rejectAll() {
    await this.page.getByRole('button', { name: /^Reject all from this site/ }).click()
  }

  async shareAvatar(name: string) {
    await this.page.getByLabel('Avatar to share', { exact: true }).selectOption({ label: name })
  }

  /** The window closes itself once the queue is empty. */
  async expectClosed() {
    await expect.poll(() => this.page.isClosed(), { timeout: 5_000 }).toBe(true)
  }

  async screenshot(name: string) {
    await saveScreenshot(this.page, name)
  }
}

export class ConnectedSitesPage {
  constructor(readonly page: Page) {}

  sites() {
    return this.page.getByTestId('connected-site')
  }

  site(origin: string) {
    return this.sites().filter({ hasText: origin })
  }

  async disconnect(origin: string) {
    await this.site(origin).getByRole('button', { name: 'Disconnect', exact: true }).click()
    await expect(this.site(origin)).toHaveCount(0)
  }
}
