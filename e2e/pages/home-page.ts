/** Page object for the unlocked home, the unlock screen, avatar management and settings. */
import { expect } from '@playwright/test'
import type { PopupPage } from './popup-page.js'

export class HomePage {
  constructor(readonly popup: PopupPage) {}

  switcher() {
    return this.popup.page.getByLabel('Current avatar')
  }

  bindings() {
    return this.popup.page.getByTestId('binding')
  }

  /** Home is showing, with `name` as the current avatar (and `id`, when given, as its full id). */
  async expectCurrent(name: string, id?: string) {
    await expect(this.switcher().locator('option:checked')).toHaveText(name)
    if (id) await expect(this.popup.page.getByTestId('avatar-id')).toHaveAttribute('title', id)
    await expect(this.popup.heading('Bindings')).toBeVisible()
  }

  async lock() {
    await this.popup.button('Lock').click()
    await expect(this.popup.button('Unlock')).toBeVisible()
  }

  async unlock(password: string) {
    await this.popup.field('Password').fill(password)
    await this.popup.button('Unlock').click()
  }

  async openManage() {
    await this.popup.button('Manage avatar').click()
  }

  async rename(name: string) {
    await this.openManage()
    await this.popup.field('Avatar name').fill(name)
    await this.popup.button('Rename').click()
  }

  async openSettings() {
    await this.popup.button('Settings').click()
    await this.popup.expectHeading('Settings')
  }

  /** Switches to custom endpoints and saves; returns to home. */
  async useCustomEndpoints(proofServiceUrl: string, kvServiceUrl: string) {
    await this.openSettings()
    await this.popup.page.getByLabel('Custom').check()
    await this.popup.field('ProofService URL').fill(proofServiceUrl)
    await this.popup.field('KVService URL').fill(kvServiceUrl)
    await this.popup.button('Save').click()
    await expect(this.popup.page.getByText('Saved.')).toBeVisible()
    await this.popup.back()
  }
}
