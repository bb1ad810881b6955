/** Page object for phase 2 of the popup: proof chain, revoke, KV editor, backup export and restore. */
import { expect } from '@playwright/test'
import type { PopupPage } from './popup-page.js'

export class ChainKvPage {
  constructor(readonly popup: PopupPage) {}

  async openChain() {
    await this.popup.button('Proof chain').click()
    await this.popup.expectHeading('Proof chain')
  }

  chainLinks() {
    return this.popup.page.getByTestId('chain-link')
  }

  chainSummary() {
    return this.popup.page.getByTestId('chain-summary')
  }

  /** Opens the revoke sheet of the binding row for `identity` and waits for the prepared payload. */
  async startRevoke(identity: string) {
    const row = this.popup.page.getByTestId('binding').filter({ hasText: identity })
    await row.getByRole('button', { name: 'Revoke' }).click()
    await expect(this.popup.page.getByTestId('revoke-description')).toBeVisible()
  }

  async openKv() {
    await this.popup.button('Key-value data').click()
    await this.popup.expectHeading('Key-value data')
  }

  namespaces() {
    return this.popup.page.getByTestId('kv-namespace')
  }

  /** Starts the new-namespace editor for the first offered target (Next.ID under the avatar id). */
  async startNewNamespace() {
    await this.popup.button('Write').click()
    await expect(this.popup.page.getByTestId('kv-form')).toBeVisible()
  }

  async editNamespace(identity: string) {
    await this.namespaces().filter({ hasText: identity }).getByRole('button', { name: 'Edit' }).click()
    await expect(this.popup.page.getByTestId('kv-form')).toBeVisible()
  }

  async typePatch(text: string) {
    await this.popup.field('JSON merge patch').fill(text)
  }

  async preview() {
    await this.popup.button('Preview').click()
    await expect(this.popup.page.getByTestId('kv-preview')).toBeVisible()
  }

  diffRows() {
    return this.popup.page.getByTestId('kv-diff').locator('li')
  }

  /** Exports a backup from settings with `password`; returns the downloaded file's path. */
  async exportBackup(password: string, saveAs: string): Promise<string> {
    await this.popup.field('Password').fill(password)
    const download = this.popup.page.waitForEvent('download')
    await this.popup.button('Export encrypted backup').click()
    const file = await download
    await file.saveAs(saveAs)
    return file.suggestedFilename()
  }

  /** On the welcome screen: Restore from backup with a file and a password. */
  async restore(file: string, password: string) {
    await this.popup.field('Backup file').setInputFiles(file)
    await this.popup.field('Password').fill(password)
    await this.popup.button('Restore').click()
  }
}
